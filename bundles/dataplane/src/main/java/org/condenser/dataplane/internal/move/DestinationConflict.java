package org.condenser.dataplane.internal.move;

import java.io.IOException;

/** The destination already holds a file of that name with other bytes: never overwritten, and not worth retrying. */
final class DestinationConflict extends IOException {

    private static final long serialVersionUID = 1L;

    DestinationConflict(String message) {
        super(message);
    }
}
