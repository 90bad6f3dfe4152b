package org.condenser.dataplane.internal.move;

import java.nio.file.Path;

/**
 * One file delivered to a destination, verified: where it landed, its size and checksum, how long
 * it took, and whether the same bytes were already there (delivered before a crash let the journal
 * say so).
 */
record Delivery(Path target, long bytes, String xxh64, long nanos, boolean alreadyThere) {

    double megabytesPerSecond() {
        return nanos == 0 ? 0 : bytes / 1e6 / (nanos / 1e9);
    }
}
