package org.condenser.driver.daq.internal.ncem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The header in front of each raw 4D Camera frame (versions 4 and 5), little-endian:
 * {@code scan_num} u32, {@code frame_num} u32, {@code scan_size} 2×u16 (x, y), {@code scan_pos}
 * 2×u16 (x, y). 16 bytes.
 */
record RawFrameHeader(long scanNumber, long frameNumber, int scanWidth, int scanHeight, int x, int y) {

    static final int BYTES = 16;

    RawFrameHeader {
        if (scanWidth < 1 || scanHeight < 1) {
            throw new IllegalArgumentException("scan size " + scanWidth + "x" + scanHeight + " is empty");
        }
        if (x >= scanWidth || y >= scanHeight) {
            throw new IllegalArgumentException("scan position (" + x + ", " + y + ") lies outside the " + scanWidth + "x"
                    + scanHeight + " scan");
        }
    }

    static RawFrameHeader read(ByteBuffer bytes) {
        if (bytes.remaining() != BYTES) {
            throw new IllegalArgumentException("a frame header has " + BYTES + " bytes, not " + bytes.remaining());
        }
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return new RawFrameHeader(in.getInt() & 0xFFFF_FFFFL, in.getInt() & 0xFFFF_FFFFL, in.getShort() & 0xFFFF,
                in.getShort() & 0xFFFF, in.getShort() & 0xFFFF, in.getShort() & 0xFFFF);
    }

    void write(ByteBuffer out) {
        out.order(ByteOrder.LITTLE_ENDIAN).putInt((int) scanNumber).putInt((int) frameNumber).putShort((short) scanWidth)
                .putShort((short) scanHeight).putShort((short) x).putShort((short) y);
    }

    /** Index of the scan position, row-major. */
    long positionIndex() {
        return (long) y * scanWidth + x;
    }
}
