package org.condenser.dataplane.internal.move;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Where a mover delivers: a local or mounted folder, or a folder on an SFTP server. */
interface Destination {

    /** Delivers one file, verified, under its own name; never overwrites other bytes. */
    Delivery deliver(Path source, LongConsumer progress) throws IOException;

    /** The destination as people read it. */
    String describe();
}
