package org.condenser.dataplane.internal.move;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class XxHash64Test {

    private static String of(byte[] bytes) {
        XxHash64 hash = new XxHash64();
        hash.update(ByteBuffer.wrap(bytes));
        return XxHash64.hex(hash.digest());
    }

    @Test
    void matchesTheReferenceValues() {
        // Values from xxhsum -H64 and Python's xxhash.xxh64 (Debian's xxhash, python3-xxhash).
        assertEquals("ef46db3751d8e999", of(new byte[0]));
        assertEquals("44bc2cf5ad770999", of("abc".getBytes()));
        byte[] ramp = new byte[768];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (byte) i;
        }
        assertEquals("8e03c838c596036f", of(ramp));
    }

    @Test
    void anySplitIntoPiecesGivesTheSameDigest() {
        byte[] data = new byte[10_007];
        new SplittableRandom(7).nextBytes(data);
        String whole = of(data);
        SplittableRandom cuts = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            XxHash64 hash = new XxHash64();
            int at = 0;
            while (at < data.length) {
                int piece = Math.min(data.length - at, 1 + cuts.nextInt(100));
                hash.update(ByteBuffer.wrap(data, at, piece));
                at += piece;
            }
            assertEquals(whole, XxHash64.hex(hash.digest()));
        }
    }
}
