package org.condenser.api.flow;

/**
 * The Event Admin event a flow's {@code notify} step posts, so telemetry, dashboards or anything else
 * can tell people what a flow found.
 */
public final class FlowNotifications {

    /** Topic of a notification. */
    public static final String TOPIC = "org/condenser/flow/NOTIFICATION";
    /** The run that notified (String). */
    public static final String RUN = "run";
    /** The flow the run belongs to (String). */
    public static final String FLOW = "flow";
    /** The message, its placeholders filled in (String). */
    public static final String MESSAGE = "message";
    /** {@code info}, {@code warning} or {@code alert} (String). */
    public static final String LEVEL = "level";

    private FlowNotifications() {
    }
}
