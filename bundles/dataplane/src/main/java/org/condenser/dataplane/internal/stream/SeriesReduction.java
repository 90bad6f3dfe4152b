package org.condenser.dataplane.internal.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.api.analysis.Reduction;
import org.condenser.api.data.Frame;

/**
 * One series' reduction on this node: a partial result per worker thread (so threads never share
 * one), merged when the series is over, with partials from other nodes merged in too.
 */
final class SeriesReduction<P> {

    private final Reduction<P> reduction;
    private final Map<Thread, P> partials = new ConcurrentHashMap<>();
    private final AtomicLong frames = new AtomicLong();

    SeriesReduction(Reduction<P> reduction) {
        this.reduction = reduction;
    }

    Reduction<P> reduction() {
        return reduction;
    }

    /** Called on a pipeline worker thread. */
    void map(Frame frame) {
        reduction.map(frame, partials.computeIfAbsent(Thread.currentThread(), t -> reduction.newPartial()));
        frames.incrementAndGet();
    }

    long frames() {
        return frames.get();
    }

    /** This node's partials merged (call once the pipeline is idle). */
    P merged() {
        P result = reduction.newPartial();
        partials.values().forEach(partial -> reduction.merge(result, partial));
        return result;
    }

    byte[] mergedBytes() {
        return reduction.toBytes(merged());
    }
}
