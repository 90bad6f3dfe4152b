package org.condenser.api.instrument;

import java.util.Objects;

/**
 * The answer for one property of a batch write. A batch with one refused value still answers the
 * others.
 *
 * <p>Immutable and thread safe.
 *
 * @param name the property written
 * @param requested the value asked for
 * @param status the outcome
 * @param message why it failed, naming the property, the value and the rule; empty when OK
 */
public record WriteResult(String name, Object requested, RecordStatus status, String message) {

    public WriteResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    public static WriteResult ok(String name, Object requested) {
        return new WriteResult(name, requested, RecordStatus.OK, "");
    }

    public static WriteResult failed(String name, Object requested, RecordStatus status, String message) {
        return new WriteResult(name, requested, status, message);
    }

    public boolean isOk() {
        return status == RecordStatus.OK;
    }
}
