package org.condenser.core.internal.control;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.StatusDetail;

/**
 * Runs one instrument's commands one at a time, in arrival order, on the instrument's own thread,
 * each with a time limit, and turns whatever a driver throws into an {@link InstrumentException} and
 * a status. Commands for different instruments never wait for each other.
 *
 * <p>A command that overruns its limit is interrupted; if the driver ignores the interrupt, later
 * commands queue behind it and time out in turn: commands to one instrument are never run
 * concurrently, not even to get around a stuck one.
 */
final class CommandLane implements AutoCloseable {

    private final String instrument;
    private final ExecutorService executor;
    private record Fault(InstrumentStatus status, InstrumentStatus reportedThen) {
    }

    private final Supplier<InstrumentStatus> reported;
    /** The fault of the last failed command, with what the driver reported at that moment; null when none. */
    private volatile Fault fault;

    /**
     * @param reported the driver's own status: a fault stands only until the driver reports something
     *        new (it noticed the fault, or recovered from it)
     */
    CommandLane(String instrument, Supplier<InstrumentStatus> reported) {
        this.instrument = instrument;
        this.reported = reported;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "condenser-instrument-" + instrument);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The fault left by the last command, or null when it succeeded or the driver has reported a new
     * status since.
     */
    InstrumentStatus fault() {
        Fault last = fault;
        if (last == null) {
            return null;
        }
        InstrumentStatus now = safely();
        return now != null && now.equals(last.reportedThen()) ? last.status() : null;
    }

    private void fail(InstrumentStatus status) {
        fault = new Fault(status, safely());
    }

    private InstrumentStatus safely() {
        try {
            return reported.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Runs a command and waits for it.
     *
     * @param what the command in words, for messages ("read defocus", "record HAADF")
     * @throws InstrumentException naming the instrument and the command: TIMEOUT when it overran,
     *         FAILED when the driver threw, or the driver's own InstrumentException unchanged
     */
    <T> T call(String what, Duration limit, Callable<T> command) throws InstrumentException {
        Future<T> future;
        try {
            future = executor.submit(command);
        } catch (RejectedExecutionException e) {
            throw new InstrumentException(RecordStatus.FAILED, instrument + ": " + what + ": the instrument was removed");
        }
        try {
            T result = future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            fault = null;
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            String message = instrument + ": " + what + " did not answer within " + seconds(limit);
            fail(InstrumentStatus.error(StatusDetail.TIMEOUT, message));
            throw new InstrumentException(RecordStatus.TIMEOUT, message);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new InstrumentException(RecordStatus.FAILED, instrument + ": " + what + " was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InstrumentException refused) {
                // The driver answered, with a reason: the instrument is fine, the command was not.
                fault = null;
                throw refused;
            }
            String message = instrument + ": " + what + " failed: " + describe(cause);
            fail(cause instanceof IOException ? InstrumentStatus.offline(StatusDetail.COMMUNICATION_ERROR, message)
                    : InstrumentStatus.error(StatusDetail.DRIVER_ERROR, message));
            throw new InstrumentException(RecordStatus.FAILED, message, cause);
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + message;
    }

    private static String seconds(Duration limit) {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
