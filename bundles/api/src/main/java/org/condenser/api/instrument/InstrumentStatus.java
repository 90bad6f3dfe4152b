package org.condenser.api.instrument;

import java.util.Objects;

/**
 * Status of an instrument: a state, a detail and a message for people.
 *
 * <p>Immutable and thread safe.
 *
 * @param state where the instrument stands
 * @param detail why, in a form programs can act on
 * @param message why, in words for an operator; never null, empty when nothing needs saying
 */
public record InstrumentStatus(StatusState state, StatusDetail detail, String message) {

    public InstrumentStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
        message = message == null ? "" : message;
    }

    public static InstrumentStatus online() {
        return new InstrumentStatus(StatusState.ONLINE, StatusDetail.NONE, "");
    }

    public static InstrumentStatus initializing(String message) {
        return new InstrumentStatus(StatusState.INITIALIZING, StatusDetail.NONE, message);
    }

    public static InstrumentStatus offline(StatusDetail detail, String message) {
        return new InstrumentStatus(StatusState.OFFLINE, detail, message);
    }

    public static InstrumentStatus error(StatusDetail detail, String message) {
        return new InstrumentStatus(StatusState.ERROR, detail, message);
    }

    public static InstrumentStatus unknown() {
        return new InstrumentStatus(StatusState.UNKNOWN, StatusDetail.NONE, "");
    }

    public boolean isOnline() {
        return state == StatusState.ONLINE;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(state.name());
        if (detail != StatusDetail.NONE) {
            text.append(" / ").append(detail.name());
        }
        if (!message.isEmpty()) {
            text.append(": ").append(message);
        }
        return text.toString();
    }
}
