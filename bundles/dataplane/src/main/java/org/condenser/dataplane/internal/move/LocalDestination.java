package org.condenser.dataplane.internal.move;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** A local or mounted folder (a NAS), written with {@link VerifiedCopy}. */
record LocalDestination(Path folder) implements Destination {

    @Override
    public Delivery deliver(Path source, LongConsumer progress) throws IOException {
        return VerifiedCopy.copy(source, folder.resolve(source.getFileName()), progress);
    }

    @Override
    public String describe() {
        return folder.toString();
    }
}
