package org.condenser.dataplane.internal.watch;

/** How a watcher decides a writer has finished a file. */
enum CompletionMode {
    /** Size and modification time unchanged for a while; for HDF5, a superblock that accounts for the whole file. */
    STABLE,
    /** The writer creates a marker file beside it when done. */
    MARKER
}
