package org.condenser.analysis.internal;

import java.nio.ByteBuffer;

import org.condenser.api.data.DType;
import org.condenser.api.data.Frame;

/** Reads a raw frame's pixels as numbers, whatever their element type. */
final class Pixels {

    private final ByteBuffer bytes;
    private final DType dtype;

    private Pixels(ByteBuffer bytes, DType dtype) {
        this.bytes = bytes;
        this.dtype = dtype;
    }

    static Pixels of(Frame frame) {
        DType dtype = frame.header().dtype();
        if (dtype == DType.INT64) {
            throw new IllegalArgumentException("frame " + frame.header().frameIndex() + ": " + dtype
                    + " pixels are not analysed");
        }
        return new Pixels(frame.payload(), dtype);
    }

    double get(int i) {
        return switch (dtype) {
            case UINT8 -> bytes.get(i) & 0xFF;
            case INT8 -> bytes.get(i);
            case UINT16 -> bytes.getShort(i << 1) & 0xFFFF;
            case INT16 -> bytes.getShort(i << 1);
            case UINT32 -> bytes.getInt(i << 2) & 0xFFFF_FFFFL;
            case INT32 -> bytes.getInt(i << 2);
            case FLOAT32 -> bytes.getFloat(i << 2);
            case FLOAT64 -> bytes.getDouble(i << 3);
            case INT64 -> bytes.getLong(i << 3);
        };
    }
}
