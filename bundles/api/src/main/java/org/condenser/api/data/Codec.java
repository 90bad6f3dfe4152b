package org.condenser.api.data;

/** How a frame's payload is encoded. Compressed frames stay compressed until a stage needs pixels. */
public enum Codec {
    /** Raw elements, row-major. */
    NONE,
    /** Bitshuffle + LZ4, framed as the HDF5 filter frames it (8-byte size, 4-byte block size, blocks). */
    BSLZ4,
    /** LZ4 blocks, framed as the HDF5 LZ4 filter frames them. */
    LZ4,
    /** A zstd frame. */
    ZSTD
}
