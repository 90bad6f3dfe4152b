package org.condenser.dataplane.internal.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.SeriesInfo;

/**
 * What a receiving node and its workers say to each other over ZeroMQ. Every message's first part
 * starts with a kind byte: {@code S} a series begins (its description with the frames' axes, the
 * analysis to run and where to send the partial result), {@code F} a frame (header; the payload,
 * still in its codec, is the second part), {@code E} the series is over, {@code P} a worker's
 * partial result.
 */
final class FrameWire {

    static final byte START = 'S';
    static final byte FRAME = 'F';
    static final byte END = 'E';
    static final byte PARTIAL = 'P';

    /** A series as a worker learns it. */
    record Start(SeriesInfo series, String reduction, String resultsEndpoint) {
    }

    /** A worker's partial result of a series. */
    record Partial(String seriesId, String worker, long frames, long failed, byte[] bytes) {
    }

    private FrameWire() {
    }

    static byte[] start(SeriesInfo series, String reduction, String resultsEndpoint) {
        return write(out -> {
            out.writeByte(START);
            out.writeUTF(series.seriesId());
            out.writeLong(series.frames());
            ints(out, series.scanShape());
            out.writeUTF(series.dtype().name());
            ints(out, series.frameShape());
            out.writeByte(series.frameAxes().size());
            for (Axis axis : series.frameAxes()) {
                out.writeUTF(axis.name());
                out.writeUTF(axis.unit());
                out.writeDouble(axis.offset());
                out.writeDouble(axis.step());
                out.writeInt(axis.size());
            }
            out.writeUTF(reduction);
            out.writeUTF(resultsEndpoint);
        });
    }

    static Start readStart(byte[] message) {
        return read(message, START, in -> {
            String id = in.readUTF();
            long frames = in.readLong();
            int[] scan = ints(in);
            DType dtype = DType.valueOf(in.readUTF());
            int[] shape = ints(in);
            List<Axis> axes = new ArrayList<>();
            for (int i = in.readUnsignedByte(); i > 0; i--) {
                axes.add(new Axis(in.readUTF(), in.readUTF(), in.readDouble(), in.readDouble(), in.readInt()));
            }
            return new Start(new SeriesInfo(id, frames, scan, dtype, shape, Map.of(), axes), in.readUTF(), in.readUTF());
        });
    }

    static byte[] frame(FrameHeader header) {
        return write(out -> {
            out.writeByte(FRAME);
            out.writeUTF(header.seriesId());
            out.writeLong(header.frameIndex());
            ints(out, header.scanPosition());
            out.writeLong(header.timestampNanos());
            out.writeUTF(header.dtype().name());
            ints(out, header.shape());
            out.writeUTF(header.codec().name());
        });
    }

    static FrameHeader readFrame(byte[] message) {
        return read(message, FRAME, in -> new FrameHeader(in.readUTF(), in.readLong(), ints(in), in.readLong(),
                DType.valueOf(in.readUTF()), ints(in), Codec.valueOf(in.readUTF())));
    }

    static byte[] end(String seriesId) {
        return write(out -> {
            out.writeByte(END);
            out.writeUTF(seriesId);
        });
    }

    static String readEnd(byte[] message) {
        return read(message, END, in -> in.readUTF());
    }

    static byte[] partial(Partial partial) {
        return write(out -> {
            out.writeByte(PARTIAL);
            out.writeUTF(partial.seriesId());
            out.writeUTF(partial.worker());
            out.writeLong(partial.frames());
            out.writeLong(partial.failed());
            out.writeInt(partial.bytes().length);
            out.write(partial.bytes());
        });
    }

    static Partial readPartial(byte[] message) {
        return read(message, PARTIAL, in -> {
            String series = in.readUTF();
            String worker = in.readUTF();
            long frames = in.readLong();
            long failed = in.readLong();
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IllegalArgumentException("a partial result claims " + length + " bytes, " + in.available()
                        + " are there");
            }
            return new Partial(series, worker, frames, failed, in.readNBytes(length));
        });
    }

    static byte kind(byte[] message) {
        if (message.length == 0) {
            throw new IllegalArgumentException("an empty message");
        }
        return message[0];
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads a message of one kind; anything malformed is an IllegalArgumentException saying what. */
    private static <T> T read(byte[] message, byte kind, Reader<T> reader) {
        if (kind(message) != kind) {
            throw new IllegalArgumentException("expected a '" + (char) kind + "' message, got '" + (char) message[0] + "'");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(message, 1, message.length - 1))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated '" + (char) kind + "' message (" + message.length + " bytes)");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a malformed '" + (char) kind + "' message: " + e.getMessage());
        }
    }

    private static void ints(DataOutputStream out, int[] values) throws IOException {
        out.writeByte(values.length);
        for (int value : values) {
            out.writeInt(value);
        }
    }

    private static int[] ints(DataInputStream in) throws IOException {
        int[] values = new int[in.readUnsignedByte()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }
}
