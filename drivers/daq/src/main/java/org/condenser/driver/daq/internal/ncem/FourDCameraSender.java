package org.condenser.driver.daq.internal.ncem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.condenser.driver.daq.internal.PushSocket;

/**
 * Emits raw 4D Camera frames as its receiving servers push them to an aggregator: a ZeroMQ PUSH
 * socket, one two-part message per frame (the 16-byte {@link RawFrameHeader}, then the 576×576
 * little-endian uint16 pixels). Used by the tests and the benchmarks. One thread at a time.
 */
public final class FourDCameraSender implements AutoCloseable {

    private final PushSocket socket;
    private final byte[] header = new byte[RawFrameHeader.BYTES];
    private byte[] pixels = new byte[0];

    public FourDCameraSender(String endpoint) {
        socket = new PushSocket(endpoint, 256, 5000);
    }

    public PushSocket socket() {
        return socket;
    }

    /** One frame at scan position (x, y) of scan {@code scan}; {@code frame} holds the pixels (position to limit). */
    public void frame(long scan, long frameNumber, int scanWidth, int scanHeight, int x, int y, ByteBuffer frame) {
        new RawFrameHeader(scan, frameNumber, scanWidth, scanHeight, x, y).write(ByteBuffer.wrap(header));
        int n = frame.remaining();
        if (pixels.length != n) {
            pixels = new byte[n];
        }
        frame.duplicate().order(ByteOrder.LITTLE_ENDIAN).get(pixels);
        send(header, pixels);
    }

    /** Sends parts as they are: for tests of what a receiver does with messages no camera should send. */
    public void send(byte[]... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.send(parts[i], 0, parts[i].length, i + 1 < parts.length);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
