package org.condenser.api.telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something an operator should know: an envelope refusal, a metadata mismatch, a component that
 * failed. Alerts travel on Event Admin under {@link #TOPIC_PREFIX} + source kind.
 *
 * @param source who raised it, such as {@code instrument/sim-stem} or {@code runtime}
 * @param severity how much it matters
 * @param message what happened, naming the values involved
 * @param time when it happened
 */
public record Alert(String source, Severity severity, String message, Instant time) {

    /** Event Admin topic prefix for alerts; the event carries the alert under {@link #EVENT_PROPERTY}. */
    public static final String TOPIC_PREFIX = "org/condenser/alert/";

    /** Event property holding the {@link Alert}. */
    public static final String EVENT_PROPERTY = "alert";

    public Alert {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(time, "time");
    }

    /**
     * The properties of the event that carries this alert: the alert itself, and its source,
     * message and severity as plain values for handlers that filter on them.
     */
    public Map<String, Object> eventProperties() {
        return Map.of(EVENT_PROPERTY, this, "source", source, "message", message, "severity",
                severity.name());
    }
}
