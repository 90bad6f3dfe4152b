package org.condenser.driver.daq.internal.dectris;

import java.nio.ByteBuffer;
import java.util.Map;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.api.data.FrameCodecs;
import org.condenser.driver.daq.internal.PushSocket;

/**
 * Emits a DECTRIS SIMPLON stream v2 exactly as a detector control unit does: a ZeroMQ PUSH socket
 * (one CBOR message per ZeroMQ frame, round-robin over connected PULL clients) carrying
 * {@code start}, {@code image} and {@code end} maps; pixels as tag 40 multi-dimensional arrays of
 * RFC 8746 typed arrays, compressed ones wrapped in tag 56500 {@code [codec, element size, bytes]}.
 * Used by the simulated detector, the tests and the benchmarks. One thread at a time.
 */
public final class DectrisSender implements AutoCloseable {

    private final PushSocket socket;
    private final FrameCodecs codecs;
    private final CborWriter writer = new CborWriter();
    private ByteBuffer encoded = ByteBuffer.allocate(0);

    /** Binds {@code endpoint} ({@code tcp://127.0.0.1:31001}); {@code codecs} compresses bslz4/lz4 images. */
    public DectrisSender(String endpoint, FrameCodecs codecs) {
        this.codecs = codecs;
        this.socket = new PushSocket(endpoint, 256, 2000);
    }

    public PushSocket socket() {
        return socket;
    }

    /** {@code start}: the series, its image count and geometry, and any further header values. */
    public void start(long seriesId, String seriesUid, long images, int width, int height, DType dtype,
            Map<String, Object> header) {
        writer.reset().map(7 + header.size());
        writer.text("type").text("start");
        writer.text("series_id").integer(seriesId);
        writer.text("series_unique_id").text(seriesUid);
        writer.text("number_of_images").integer(images);
        writer.text("image_size_x").integer(width);
        writer.text("image_size_y").integer(height);
        writer.text("image_dtype").text(dtype.name().toLowerCase(java.util.Locale.ROOT));
        header.forEach((key, value) -> writer.text(key).value(value));
        send();
    }

    /**
     * {@code image}: one frame of little-endian pixels (position to limit) in channel
     * {@code threshold_1}, compressed with {@code codec} on the way (NONE, BSLZ4 or LZ4).
     *
     * @param realTimeNanos exposure, sent as the rational {@code real_time}
     */
    public void image(long seriesId, String seriesUid, long imageId, int width, int height, DType dtype, ByteBuffer pixels,
            Codec codec, long realTimeNanos) {
        writer.reset().map(6);
        writer.text("type").text("image");
        writer.text("series_id").integer(seriesId);
        writer.text("series_unique_id").text(seriesUid);
        writer.text("image_id").integer(imageId);
        writer.text("real_time").array(2).integer(realTimeNanos).integer(1_000_000_000L);
        writer.text("data").map(1).text("threshold_1");
        writer.tag(40).array(2).array(2).integer(height).integer(width);
        writer.tag(typedArrayTag(dtype));
        switch (codec) {
            case NONE -> writer.bytes(pixels);
            case BSLZ4, LZ4 -> {
                int decoded = pixels.remaining();
                int room = codecs.maxEncodedBytes(codec, decoded);
                if (encoded.capacity() < room) {
                    encoded = ByteBuffer.allocate(room);
                }
                encoded.clear();
                int n = codecs.encode(codec, pixels.duplicate(), dtype.bytes(), encoded);
                encoded.flip();
                writer.tag(56500).array(3).text(codec == Codec.BSLZ4 ? "bslz4" : "lz4")
                        .integer(codec == Codec.BSLZ4 ? dtype.bytes() : 0).bytesHeader(n);
                int at = writer.reserve(n);
                encoded.get(writer.buffer(), at, n);
            }
            default -> throw new IllegalArgumentException("a DECTRIS stream carries NONE, BSLZ4 or LZ4 images, not " + codec);
        }
        send();
    }

    /** {@code end}: the series is over. */
    public void end(long seriesId, String seriesUid) {
        writer.reset().map(3);
        writer.text("type").text("end");
        writer.text("series_id").integer(seriesId);
        writer.text("series_unique_id").text(seriesUid);
        send();
    }

    /** Sends bytes as they are: for tests of what a receiver does with a message no detector should send. */
    public void raw(byte[] message) {
        socket.send(message, 0, message.length, false);
    }

    private void send() {
        socket.send(writer.buffer(), 0, writer.length(), false);
    }

    static int typedArrayTag(DType dtype) {
        return switch (dtype) {
            case UINT8 -> 64;
            case UINT16 -> 69;
            case UINT32 -> 70;
            case FLOAT32 -> 85;
            default -> throw new IllegalArgumentException("a DECTRIS stream has no typed array for " + dtype);
        };
    }

    @Override
    public void close() {
        socket.close();
    }
}
