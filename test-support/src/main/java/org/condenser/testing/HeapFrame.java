package org.condenser.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameHeader;

/** A frame over a buffer the test owns, for analyses run without a pool: retain and release do nothing. */
public final class HeapFrame implements Frame {

    private final FrameHeader header;
    private final ByteBuffer pixels;

    public HeapFrame(FrameHeader header, ByteBuffer pixels) {
        this.header = header;
        this.pixels = pixels;
    }

    /** A raw uint16 frame of {@code shape}, index {@code index} of series {@code series}. */
    public static HeapFrame uint16(String series, long index, int[] shape, ByteBuffer pixels) {
        return new HeapFrame(new FrameHeader(series, index, null, 0, DType.UINT16, shape, Codec.NONE), pixels);
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
