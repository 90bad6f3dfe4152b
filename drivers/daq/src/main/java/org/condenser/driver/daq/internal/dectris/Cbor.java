package org.condenser.driver.daq.internal.dectris;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CBOR (RFC 8949) reader for detector streams: integers as Long, floats as Double, text as
 * String, byte strings as read-only slices of the message (no copy: a frame's pixels are not
 * copied to be parsed), arrays as List, maps as Map, tags as {@link Tagged}, and null, true, false.
 * Malformed input is refused with the offset and what was wrong; a declared length is checked
 * against what is there before anything is allocated.
 */
final class Cbor {

    /** A tagged item (tag 40 multi-dimensional array, 64–87 typed arrays, 56500 DECTRIS compression…). */
    record Tagged(long tag, Object value) {
    }

    private static final int MAX_DEPTH = 32;

    private final ByteBuffer in;

    private Cbor(ByteBuffer message) {
        this.in = message.duplicate().order(ByteOrder.BIG_ENDIAN);
    }

    /** Reads the one item a message holds. */
    static Object read(ByteBuffer message) {
        Cbor cbor = new Cbor(message);
        Object item = cbor.item(0);
        if (cbor.in.hasRemaining()) {
            throw cbor.error(cbor.in.remaining() + " bytes follow the message's item");
        }
        return item;
    }

    private Object item(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        int initial = next() & 0xFF;
        int major = initial >>> 5;
        int info = initial & 0x1F;
        if (major == 7) {
            return simple(info);
        }
        if (info == 31) {
            return indefinite(major, depth);
        }
        long argument = argument(info);
        return switch (major) {
            case 0 -> argument;
            case 1 -> -1 - argument;
            case 2 -> bytes(argument);
            case 3 -> StandardCharsets.UTF_8.decode(bytes(argument)).toString();
            case 4 -> {
                List<Object> list = new ArrayList<>((int) Math.min(argument, in.remaining()));
                for (long i = 0; i < argument; i++) {
                    list.add(item(depth + 1));
                }
                yield list;
            }
            case 5 -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (long i = 0; i < argument; i++) {
                    Object key = item(depth + 1);
                    map.put(key, item(depth + 1));
                }
                yield map;
            }
            case 6 -> new Tagged(argument, item(depth + 1));
            default -> throw error("major type " + major);
        };
    }

    private Object indefinite(int major, int depth) {
        switch (major) {
            case 2, 3 -> {
                java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
                while (peek() != (byte) 0xFF) {
                    Object chunk = item(depth + 1);
                    if (chunk instanceof ByteBuffer b && major == 2) {
                        byte[] part = new byte[b.remaining()];
                        b.get(part);
                        joined.writeBytes(part);
                    } else if (chunk instanceof String s && major == 3) {
                        joined.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                    } else {
                        throw error("a chunk of an indefinite string is of another type");
                    }
                }
                next();
                byte[] all = joined.toByteArray();
                return major == 2 ? ByteBuffer.wrap(all).asReadOnlyBuffer() : new String(all, StandardCharsets.UTF_8);
            }
            case 4 -> {
                List<Object> list = new ArrayList<>();
                while (peek() != (byte) 0xFF) {
                    list.add(item(depth + 1));
                }
                next();
                return list;
            }
            case 5 -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                while (peek() != (byte) 0xFF) {
                    Object key = item(depth + 1);
                    map.put(key, item(depth + 1));
                }
                next();
                return map;
            }
            default -> throw error("major type " + major + " cannot have an indefinite length");
        }
    }

    private Object simple(int info) {
        return switch (info) {
            case 20 -> Boolean.FALSE;
            case 21 -> Boolean.TRUE;
            case 22, 23 -> null;
            case 25 -> half(need(2).getShort() & 0xFFFF);
            case 26 -> (double) need(4).getFloat();
            case 27 -> need(8).getDouble();
            default -> throw error("simple value " + info + " is not supported");
        };
    }

    private long argument(int info) {
        if (info < 24) {
            return info;
        }
        return switch (info) {
            case 24 -> need(1).get() & 0xFFL;
            case 25 -> need(2).getShort() & 0xFFFFL;
            case 26 -> need(4).getInt() & 0xFFFF_FFFFL;
            case 27 -> {
                long value = need(8).getLong();
                if (value < 0) {
                    throw error("a length or integer beyond 2^63");
                }
                yield value;
            }
            default -> throw error("additional information " + info + " is reserved");
        };
    }

    private ByteBuffer bytes(long length) {
        if (length > in.remaining()) {
            throw error("a string of " + length + " bytes, but only " + in.remaining() + " are left (a length that lies?)");
        }
        ByteBuffer slice = in.slice(in.position(), (int) length).asReadOnlyBuffer();
        in.position(in.position() + (int) length);
        return slice;
    }

    private ByteBuffer need(int bytes) {
        if (in.remaining() < bytes) {
            throw error("truncated: " + bytes + " bytes needed, " + in.remaining() + " left");
        }
        return in;
    }

    private byte next() {
        return need(1).get();
    }

    private byte peek() {
        return need(1).get(in.position());
    }

    private static double half(int bits) {
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        double value = exponent == 0 ? mantissa * Math.pow(2, -24)
                : exponent == 31 ? (mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                : (mantissa + 1024) * Math.pow(2, exponent - 25);
        return (bits & 0x8000) != 0 ? -value : value;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed CBOR at byte " + in.position() + ": " + what);
    }
}
