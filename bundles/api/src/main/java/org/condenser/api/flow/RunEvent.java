package org.condenser.api.flow;

import java.time.Instant;

/**
 * One change in a flow run, as published to listeners and written to the flow journal.
 *
 * @param runId the run
 * @param flow the flow's name
 * @param step the step that changed, or empty for the run as a whole
 * @param state the new state
 * @param message why, for people; empty when nothing needs saying
 * @param time when it happened
 */
public record RunEvent(String runId, String flow, String step, RunState state, String message, Instant time) {
}
