package org.condenser.driver.daq.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.SeriesInfo;

/** A sink for the receivers' tests: keeps the frames and writes series boundaries down as lines. */
public final class CollectingSink implements FrameSink {

    public final List<Frame> frames = new CopyOnWriteArrayList<>();
    public final List<SeriesInfo> started = new CopyOnWriteArrayList<>();
    public final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void seriesStarted(SeriesInfo series) {
        started.add(series);
        events.add("start " + series.seriesId());
    }

    @Override
    public void frame(Frame frame) {
        frames.add(frame);
    }

    @Override
    public void seriesEnded(String seriesId, boolean complete) {
        events.add((complete ? "end " : "cut ") + seriesId);
    }

    /** Waits until {@code event} was seen, for at most {@code seconds}. */
    public boolean await(String event, int seconds) throws InterruptedException {
        return within(seconds, () -> events.contains(event));
    }

    /** Waits until {@code n} events were seen, for at most {@code seconds}. */
    public boolean awaitEvents(int n, int seconds) throws InterruptedException {
        return within(seconds, () -> events.size() >= n);
    }

    /** Waits until {@code condition} holds, for at most {@code seconds}; answers whether it does. */
    public static boolean within(int seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return condition.getAsBoolean();
    }

    public void releaseAll() {
        frames.forEach(Frame::release);
        frames.clear();
    }
}
