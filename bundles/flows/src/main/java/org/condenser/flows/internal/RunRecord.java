package org.condenser.flows.internal;

import java.time.Instant;
import java.util.List;

import org.condenser.api.flow.RunState;

/**
 * A run as {@code cnd:flow history} shows it.
 *
 * @param steps each step's timings
 * @param queuedNanos from submission to the first step
 * @param totalNanos from submission to the end
 */
record RunRecord(String runId, String flow, RunState state, String message, Instant started, List<StepTiming> steps,
        long queuedNanos, long totalNanos) {

    /** One step: active is the step's own work, wall includes the engine's bookkeeping and retries. */
    record StepTiming(String step, int attempts, long activeNanos, long wallNanos) {
    }

    long activeNanos() {
        return steps.stream().mapToLong(StepTiming::activeNanos).sum();
    }

    /**
     * Time the run spent, once it had a slot, on anything but its steps' own work: orchestration.
     * Waiting for a slot (the flow's concurrency bound) is queueing, told apart.
     */
    long overheadNanos() {
        return totalNanos - queuedNanos - activeNanos();
    }
}
