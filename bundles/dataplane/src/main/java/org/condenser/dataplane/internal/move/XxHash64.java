package org.condenser.dataplane.internal.move;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * XXH64, streaming: the fast non-cryptographic checksum movers verify copies with (the same value
 * as {@code xxhsum -H64} and Python's {@code xxhash.xxh64}). Not thread safe; one per stream.
 */
final class XxHash64 {

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private final long seed;
    private long v1;
    private long v2;
    private long v3;
    private long v4;
    private long total;
    private final ByteBuffer pending = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);

    XxHash64() {
        this(0);
    }

    XxHash64(long seed) {
        this.seed = seed;
        v1 = seed + P1 + P2;
        v2 = seed + P2;
        v3 = seed;
        v4 = seed - P1;
    }

    /** Adds the buffer's remaining bytes; leaves its position at its limit. */
    void update(ByteBuffer input) {
        ByteBuffer data = input.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        total += data.remaining();
        if (pending.position() > 0) {
            while (pending.hasRemaining() && data.hasRemaining()) {
                pending.put(data.get());
            }
            if (pending.hasRemaining()) {
                input.position(input.limit());
                return;
            }
            pending.flip();
            stripe(pending);
            pending.clear();
        }
        while (data.remaining() >= 32) {
            stripe(data);
        }
        pending.put(data);
        input.position(input.limit());
    }

    private void stripe(ByteBuffer data) {
        v1 = round(v1, data.getLong());
        v2 = round(v2, data.getLong());
        v3 = round(v3, data.getLong());
        v4 = round(v4, data.getLong());
    }

    private static long round(long acc, long input) {
        acc += input * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long merge(long acc, long value) {
        acc ^= round(0, value);
        return acc * P1 + P4;
    }

    long digest() {
        long h;
        if (total >= 32) {
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = seed + P5;
        }
        h += total;
        ByteBuffer tail = pending.duplicate().flip().order(ByteOrder.LITTLE_ENDIAN);
        while (tail.remaining() >= 8) {
            h ^= round(0, tail.getLong());
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (tail.remaining() >= 4) {
            h ^= (tail.getInt() & 0xFFFF_FFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
        }
        while (tail.hasRemaining()) {
            h ^= (tail.get() & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    static String hex(long digest) {
        return String.format("%016x", digest);
    }
}
