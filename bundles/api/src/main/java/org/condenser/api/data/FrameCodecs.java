package org.condenser.api.data;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Encodes and decodes frame payloads in the formats detectors send and HDF5 filters store
 * ({@link Codec}); provided by the data plane.
 */
@ProviderType
public interface FrameCodecs {

    /** The most bytes {@code decodedBytes} can take once encoded. */
    int maxEncodedBytes(Codec codec, int decodedBytes);

    /**
     * Encodes {@code raw} (position to limit) into {@code out} from its position; answers the bytes
     * written. {@code elementSize} matters to bitshuffle.
     */
    int encode(Codec codec, ByteBuffer raw, int elementSize, ByteBuffer out);

    /**
     * Decodes {@code encoded} into {@code out}, which must have exactly the decoded size remaining.
     *
     * @throws IllegalArgumentException naming what is wrong with a malformed or truncated payload
     */
    void decode(Codec codec, ByteBuffer encoded, int elementSize, ByteBuffer out);
}
