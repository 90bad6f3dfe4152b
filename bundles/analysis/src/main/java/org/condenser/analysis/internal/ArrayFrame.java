package org.condenser.analysis.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameHeader;

/** One frame of an array read whole from a file (a spectrum of a spectrum image, an image of a series). */
final class ArrayFrame implements Frame {

    private final FrameHeader header;
    private final ByteBuffer pixels;

    ArrayFrame(String series, long index, DataArray array, int[] frameShape) {
        long elements = 1;
        for (int extent : frameShape) {
            elements *= extent;
        }
        int bytes = Math.toIntExact(elements * array.dtype().bytes());
        this.header = new FrameHeader(series, index, null, 0, array.dtype(), frameShape, Codec.NONE);
        this.pixels = array.data().order(ByteOrder.LITTLE_ENDIAN).slice(Math.toIntExact(index * bytes), bytes);
    }

    @Override
    public FrameHeader header() {
        return header;
    }

    @Override
    public ByteBuffer payload() {
        return pixels.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of();
    }

    @Override
    public Frame retain() {
        return this;
    }

    @Override
    public void release() {
    }
}
