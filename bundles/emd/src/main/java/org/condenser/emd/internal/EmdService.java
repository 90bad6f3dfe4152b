package org.condenser.emd.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFile;
import org.condenser.api.data.EmdFiles;
import org.osgi.service.component.annotations.Component;

/** The runtime's EMD reader and writer. */
@Component(service = EmdFiles.class)
public final class EmdService implements EmdFiles {

    @Override
    public void write(Path file, EmdContent content, EmdDialect dialect) throws IOException {
        EmdWriter.write(file, content, dialect);
    }

    @Override
    public EmdFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file");
        }
        return new OpenEmdFile(file);
    }
}
