package org.condenser.api.instrument;

/** The outcome of reading or writing one property in a batch. */
public enum RecordStatus {
    OK,
    /** The instrument has no property of that name. */
    UNKNOWN_PROPERTY,
    /** The value is not of the property's type. */
    WRONG_TYPE,
    /** The value lies outside the property's range. */
    OUT_OF_RANGE,
    /** The property cannot be written. */
    NOT_WRITABLE,
    /** The safety envelope refused the command. */
    REFUSED,
    /** The instrument answered with an error, or the connection was lost. */
    FAILED,
    /** No answer came within the time limit. */
    TIMEOUT,
    /** The instrument cannot do what was asked (no such detector, no synchronised camera…). */
    UNSUPPORTED
}
