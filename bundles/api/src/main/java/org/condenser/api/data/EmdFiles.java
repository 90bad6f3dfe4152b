package org.condenser.api.data;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** Writes and reads EMD files; provided by the runtime's {@code emd} bundle. */
@ProviderType
public interface EmdFiles {

    /**
     * Writes a new file, complete or not at all: it is written under a temporary name and renamed
     * into place.
     *
     * @throws IOException naming the file and the cause
     */
    void write(Path file, EmdContent content, EmdDialect dialect) throws IOException;

    /**
     * Opens a file of any dialect this runtime reads.
     *
     * @throws IOException naming the file and what is wrong with it (not HDF5, truncated, not EMD)
     */
    EmdFile open(Path file) throws IOException;
}
