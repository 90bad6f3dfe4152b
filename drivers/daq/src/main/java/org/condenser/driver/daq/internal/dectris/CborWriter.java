package org.condenser.driver.daq.internal.dectris;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A CBOR (RFC 8949) writer for detector stream messages: definite-length maps, arrays, text, byte
 * strings, integers, doubles, booleans, null and tags, appended to one growing buffer that is
 * reused message after message, so a steady stream of frames does not allocate per message once the
 * buffer has grown to the largest one.
 */
final class CborWriter {

    private byte[] bytes = new byte[1 << 12];
    private int length;

    /** Starts a new message. */
    CborWriter reset() {
        length = 0;
        return this;
    }

    /** The message so far, as a view of the buffer (valid until the next {@link #reset}). */
    ByteBuffer message() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    int length() {
        return length;
    }

    byte[] buffer() {
        return bytes;
    }

    CborWriter map(int entries) {
        return head(5, entries);
    }

    CborWriter array(int items) {
        return head(4, items);
    }

    CborWriter tag(long tag) {
        return head(6, tag);
    }

    CborWriter text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        head(3, utf8.length);
        return raw(utf8, 0, utf8.length);
    }

    CborWriter integer(long value) {
        return value >= 0 ? head(0, value) : head(1, -1 - value);
    }

    CborWriter number(double value) {
        ensure(9);
        bytes[length++] = (byte) 0xFB;
        long bits = Double.doubleToLongBits(value);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (bits >>> shift);
        }
        return this;
    }

    CborWriter bool(boolean value) {
        ensure(1);
        bytes[length++] = (byte) (value ? 0xF5 : 0xF4);
        return this;
    }

    CborWriter nil() {
        ensure(1);
        bytes[length++] = (byte) 0xF6;
        return this;
    }

    /** A byte string of {@code content}'s remaining bytes. */
    CborWriter bytes(ByteBuffer content) {
        int n = content.remaining();
        head(2, n);
        ensure(n);
        content.duplicate().get(bytes, length, n);
        length += n;
        return this;
    }

    /** A byte string header for {@code n} bytes the caller writes next with {@link #reserve}. */
    CborWriter bytesHeader(int n) {
        return head(2, n);
    }

    /** Room for {@code n} bytes at the end, to be filled in place; returns where they start. */
    int reserve(int n) {
        ensure(n);
        int at = length;
        length += n;
        return at;
    }

    /** Gives back the unused end of a reservation. */
    void truncate(int newLength) {
        length = newLength;
    }

    /** Writes any value Condenser puts in a message: String, Long/Integer, Double/Float, Boolean, null. */
    CborWriter value(Object value) {
        if (value == null) {
            return nil();
        }
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return integer(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return number(n.doubleValue());
        }
        if (value instanceof Boolean b) {
            return bool(b);
        }
        throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " cannot be written as CBOR here");
    }

    private CborWriter head(int major, long argument) {
        ensure(9);
        int type = major << 5;
        if (argument < 24) {
            bytes[length++] = (byte) (type | argument);
        } else if (argument < 1L << 8) {
            bytes[length++] = (byte) (type | 24);
            bytes[length++] = (byte) argument;
        } else if (argument < 1L << 16) {
            bytes[length++] = (byte) (type | 25);
            bytes[length++] = (byte) (argument >>> 8);
            bytes[length++] = (byte) argument;
        } else if (argument < 1L << 32) {
            bytes[length++] = (byte) (type | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (argument >>> shift);
            }
        } else {
            bytes[length++] = (byte) (type | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (argument >>> shift);
            }
        }
        return this;
    }

    private CborWriter raw(byte[] source, int offset, int n) {
        ensure(n);
        System.arraycopy(source, offset, bytes, length, n);
        length += n;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
