package org.condenser.api.provenance;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to an instrument, kept beside its state: a command and its outcome, an
 * envelope refusal, an alert.
 *
 * @param kind {@code command} or {@code alert}
 * @param source the instrument or component it concerns
 * @param message what happened, in words
 * @param time when
 */
public record RecordedEvent(String kind, String source, String message, Instant time) {

    public RecordedEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(time, "time");
        source = source == null ? "" : source;
        message = message == null ? "" : message;
    }
}
