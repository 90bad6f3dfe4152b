package org.condenser.itests;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for an asynchronous effect to show, instead of sleeping a fixed time and hoping. */
final class Await {

    static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, DEFAULT, condition, () -> "");
    }

    static void until(String what, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        until(what, DEFAULT, condition, state);
    }

    /** As {@link #until}, for a check that may throw while the effect is not there yet (a peer not answering). */
    static void untilAnswered(String what, java.util.concurrent.Callable<Boolean> check, Supplier<String> state)
            throws InterruptedException {
        until(what, DEFAULT, () -> {
            try {
                return check.call();
            } catch (Exception notYet) {
                return false;
            }
        }, state);
    }

    static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting until " + what
                        + "; last state: " + state.get());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
