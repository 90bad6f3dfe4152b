package org.condenser.dataplane.internal.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.api.analysis.FrameAnalysis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;

/**
 * One series' analysis on this node: a partial result per worker thread (so threads never share
 * one), merged when the series is over, with partials from other nodes merged in too.
 */
final class SeriesReduction<P> {

    private final FrameAnalysis<P> analysis;
    private final Map<Thread, P> partials = new ConcurrentHashMap<>();
    private final AtomicLong frames = new AtomicLong();

    private SeriesReduction(FrameAnalysis<P> analysis) {
        this.analysis = analysis;
    }

    static <P> SeriesReduction<P> of(FrameAnalysis<P> analysis) {
        return new SeriesReduction<>(analysis);
    }

    /** Called on a pipeline worker thread. */
    void map(Frame frame) {
        analysis.map(frame, partials.computeIfAbsent(Thread.currentThread(), t -> analysis.newPartial()));
        frames.incrementAndGet();
    }

    long frames() {
        return frames.get();
    }

    /** This node's partials merged (call once the pipeline is idle). */
    private P merged() {
        P result = analysis.newPartial();
        partials.values().forEach(partial -> analysis.merge(result, partial));
        return result;
    }

    byte[] mergedBytes() {
        return analysis.toBytes(merged());
    }

    /** The result of this node's frames. */
    DataArray result() {
        return analysis.result(merged());
    }

    /** The result of other nodes' partials, as {@link #mergedBytes} wrote them there. */
    DataArray result(List<byte[]> remote) {
        P all = analysis.newPartial();
        for (byte[] bytes : remote) {
            analysis.merge(all, analysis.fromBytes(bytes));
        }
        return analysis.result(all);
    }
}
