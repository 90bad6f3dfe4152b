package org.condenser.api.data;

/** Element types of frames and arrays, with their size; byte order is little-endian unless a codec says otherwise. */
public enum DType {
    UINT8(1), UINT16(2), UINT32(4), INT8(1), INT16(2), INT32(4), INT64(8), FLOAT32(4), FLOAT64(8);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }
}
