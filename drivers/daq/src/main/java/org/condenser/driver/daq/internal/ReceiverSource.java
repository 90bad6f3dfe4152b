package org.condenser.driver.daq.internal;

import java.util.Map;

import org.condenser.api.data.FrameAllocator;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.FrameSource;
import org.osgi.service.log.Logger;

/**
 * What every detector source shares: one receiver at a time, its counts (kept after it stops), the
 * last problem, and telling the sink when the source gives up. A detector adds how its receiver is
 * opened and, when Condenser drives it, what is done on starting and stopping.
 */
public abstract class ReceiverSource implements FrameSource {

    /** A running receiver, as its source sees it. */
    public interface Receiving extends AutoCloseable {
        /** Everything counted so far, by kind. */
        Map<String, Long> counts();

        @Override
        void close() throws InterruptedException;
    }

    protected final Logger log;
    private final String name;
    private final Object lock = new Object();
    private Receiving receiver;
    private FrameSink sink;
    private Map<String, Long> lastCounts = Map.of();
    private volatile String lastProblem = "";

    protected ReceiverSource(String pid, String name, Logger log) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(pid + ": a detector source needs a name");
        }
        this.name = name;
        this.log = log;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void start(FrameAllocator memory, FrameSink into) throws Exception {
        synchronized (lock) {
            if (receiver != null) {
                throw new IllegalStateException("source " + name + " is already running");
            }
            sink = into;
            receiver = open(memory, into);
        }
        started();
    }

    /** Opens the receiver, delivering into {@code sink}. */
    protected abstract Receiving open(FrameAllocator memory, FrameSink sink) throws Exception;

    /** After the receiver is open: a detector Condenser drives is set up and started here, on its own thread. */
    protected void started() {
    }

    /** Before the receiver closes: a detector Condenser drives is stopped here. */
    protected void stopping() {
    }

    @Override
    public final void stop() {
        Receiving closing;
        synchronized (lock) {
            closing = receiver;
            receiver = null;
        }
        if (closing == null) {
            return;
        }
        stopping();
        try {
            closing.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            lastCounts = closing.counts();
        }
    }

    @Override
    public final Map<String, Long> counts() {
        synchronized (lock) {
            return receiver != null ? receiver.counts() : lastCounts;
        }
    }

    @Override
    public final String lastProblem() {
        return lastProblem;
    }

    /** Records and logs a problem. */
    protected final void problem(String what) {
        lastProblem = what;
        log.warn("{}: {}", name, what);
    }

    /** The source gives up until started again: the sink is told why. */
    protected final void failed(String why) {
        problem(why);
        FrameSink told;
        synchronized (lock) {
            told = sink;
        }
        if (told != null) {
            told.sourceFailed(why);
        }
    }

    /** Called by Declarative Services when the component goes away. */
    protected void deactivate() {
        stop();
    }
}
