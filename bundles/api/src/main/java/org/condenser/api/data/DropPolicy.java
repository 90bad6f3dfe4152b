package org.condenser.api.data;

/** What a stage's bounded queue does when it is full. Every drop is counted. */
public enum DropPolicy {
    /** The producer waits for room. */
    BLOCK,
    /** The arriving frame is dropped. */
    DROP_NEWEST,
    /** The oldest queued frame is dropped to make room. */
    DROP_OLDEST
}
