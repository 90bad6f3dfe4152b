package org.condenser.api.data;

/**
 * Event Admin topics of the files the runtime's watchers notice. A consumer (a flow trigger, a
 * mover) subscribes to {@link #COMPLETED}; the event's properties are named here.
 *
 * <p>Delivery is at least once: each completed file is announced once, and after a crash the one
 * whose announcement had not finished is announced again. Consumers that act on files keep their
 * own journal of what they did.
 */
public final class FileEvents {

    /** A file in a watched folder is complete: its writer has finished. */
    public static final String COMPLETED = "org/condenser/data/file/COMPLETED";

    /** Absolute path of the file, a String. */
    public static final String PATH = "path";
    /** Size in bytes, a Long. */
    public static final String SIZE = "size";
    /** Last modification, milliseconds since the epoch, a Long. */
    public static final String MODIFIED = "modified";
    /** Name of the watcher that saw it, a String. */
    public static final String WATCHER = "watcher";

    private FileEvents() {
    }
}
