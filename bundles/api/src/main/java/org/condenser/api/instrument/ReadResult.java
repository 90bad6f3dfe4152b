package org.condenser.api.instrument;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer for one property of a batch read. A batch with one bad name still answers the others.
 *
 * <p>Immutable and thread safe.
 *
 * @param name the property asked for
 * @param value the value, of the property's {@link ValueType#javaType()}; null unless status is OK
 * @param status the outcome
 * @param message why it failed, naming the property; empty when OK
 * @param timestamp when the value was read
 */
public record ReadResult(String name, Object value, RecordStatus status, String message, Instant timestamp) {

    public ReadResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
        message = message == null ? "" : message;
    }

    public static ReadResult ok(String name, Object value) {
        return new ReadResult(name, value, RecordStatus.OK, "", Instant.now());
    }

    public static ReadResult failed(String name, RecordStatus status, String message) {
        return new ReadResult(name, null, status, message, Instant.now());
    }

    public boolean isOk() {
        return status == RecordStatus.OK;
    }
}
