package org.condenser.api.data;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An open EMD file (EMD 0.2, EMD 1.0 or ThermoFisher Velox), read lazily: opening reads the
 * structure, not the elements. Close it when done.
 */
@ProviderType
public interface EmdFile extends AutoCloseable {

    /** {@code EMD 0.2}, {@code EMD 1.0} or {@code Velox}. */
    String dialect();

    List<EmdArray> arrays();

    /** Metadata groups by name (microscope, sample, user, provenance…), as plain values. */
    Map<String, Map<String, Object>> groups();

    /** A whole array. For large arrays prefer {@link #readFrame}. */
    DataArray read(String path) throws IOException;

    /**
     * One frame: the sub-array at an index of the first (slowest) dimension, such as one image of a
     * series or one scan row of a 4D-STEM dataset, read without reading the rest of the array.
     */
    DataArray readFrame(String path, long index) throws IOException;

    @Override
    void close() throws IOException;
}
