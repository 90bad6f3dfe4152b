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

    /** Event Admin topic the flow engine posts each event on, the event under {@link #EVENT_PROPERTY}. */
    public static final String TOPIC = "org/condenser/flow/RUN";

    /** Event property holding the {@link RunEvent}. */
    public static final String EVENT_PROPERTY = "event";
}
