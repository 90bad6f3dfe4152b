package org.condenser.dataplane.internal.stream;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

import org.condenser.api.data.Frame;
import org.condenser.api.data.SeriesInfo;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The receiving node's side of fan-out: frame {@code i} of a series goes to worker {@code i mod N}
 * (one PUSH connection per worker, so the split is by index and each worker knows where its series
 * ends), still in its codec; each worker sends its partial result back to this node's results
 * socket, where they are collected for merging. One thread at a time (the pipeline's distribute
 * stage).
 */
final class FanOut implements AutoCloseable {

    private final ZContext context = new ZContext();
    private final List<ZmqLinks.Push> workers = new ArrayList<>();
    private final ZMQ.Socket results;
    private final String resultsEndpoint;
    private final AtomicLongArray sent;
    private byte[] payload = new byte[0];

    /**
     * @param workerEndpoints where the workers listen
     * @param resultsBind where this node listens for partial results ({@code tcp://127.0.0.1:*})
     */
    FanOut(List<String> workerEndpoints, String resultsBind) {
        if (workerEndpoints.isEmpty()) {
            throw new IllegalArgumentException("fan-out needs at least one worker");
        }
        results = ZmqLinks.bindPull(context, resultsBind);
        resultsEndpoint = ZmqLinks.boundEndpoint(results);
        for (String endpoint : workerEndpoints) {
            workers.add(new ZmqLinks.Push(context, endpoint.strip(), 10_000));
        }
        sent = new AtomicLongArray(workers.size());
    }

    int workers() {
        return workers.size();
    }

    /** Frames sent to each worker since this fan-out began. */
    long[] sent() {
        long[] counts = new long[sent.length()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = sent.get(i);
        }
        return counts;
    }

    void begin(SeriesInfo series, String reduction) {
        byte[] start = FrameWire.start(series, reduction, resultsEndpoint);
        for (ZmqLinks.Push worker : workers) {
            worker.send(start, false);
        }
    }

    void send(Frame frame) {
        int worker = (int) (frame.header().frameIndex() % workers.size());
        ByteBuffer bytes = frame.payload();
        int n = bytes.remaining();
        if (payload.length < n) {
            payload = new byte[n];
        }
        bytes.get(payload, 0, n);
        ZmqLinks.Push push = workers.get(worker);
        push.send(FrameWire.frame(frame.header()), true);
        push.send(payload, n, false);
        sent.incrementAndGet(worker);
    }

    /** Ends the series on every worker and collects their partial results. */
    List<FrameWire.Partial> end(String seriesId, Duration longest) {
        byte[] end = FrameWire.end(seriesId);
        for (ZmqLinks.Push worker : workers) {
            worker.send(end, false);
        }
        List<FrameWire.Partial> partials = new ArrayList<>();
        long deadline = System.nanoTime() + longest.toNanos();
        while (partials.size() < workers.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + partials.size() + " of " + workers.size() + " workers sent "
                        + "their partial result of " + seriesId + " within " + longest.toSeconds() + " s");
            }
            byte[] message = results.recv();
            if (message == null) {
                continue;
            }
            FrameWire.Partial partial = FrameWire.readPartial(message);
            if (partial.seriesId().equals(seriesId)) {
                partials.add(partial);
            }
        }
        return partials;
    }

    @Override
    public void close() {
        workers.forEach(ZmqLinks.Push::close);
        results.close();
        context.close();
    }
}
