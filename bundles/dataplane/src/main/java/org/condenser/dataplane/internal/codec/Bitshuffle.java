package org.condenser.dataplane.internal.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The bitshuffle transform (Masui et al.), as the HDF5 filter and DECTRIS streams apply it to each
 * block: for a block of n elements (n a multiple of 8) of s bytes, bit p of every element (p counting
 * bits of the element's bytes in memory order, least significant first) is gathered into row p of n
 * bits, least significant bit first within each byte. Done eight elements and one byte position at a
 * time with an 8x8 bit transpose, the same one the reference implementation uses.
 */
final class Bitshuffle {

    private Bitshuffle() {
    }

    /** Shuffles {@code n} elements of {@code size} bytes from {@code in[inOffset…]} into {@code out[outOffset…]}. */
    static void shuffle(byte[] in, int inOffset, byte[] out, int outOffset, int n, int size) {
        check(n);
        int rowBytes = n / 8;
        for (int group = 0; group < rowBytes; group++) {
            int first = inOffset + group * 8 * size;
            for (int j = 0; j < size; j++) {
                long x = 0;
                for (int e = 0; e < 8; e++) {
                    x |= (in[first + e * size + j] & 0xFFL) << (8 * e);
                }
                x = transpose8x8(x);
                for (int k = 0; k < 8; k++) {
                    out[outOffset + (j * 8 + k) * rowBytes + group] = (byte) (x >>> (8 * k));
                }
            }
        }
    }

    /**
     * The inverse of {@link #shuffle}. Detector frames are sparse, so whole bit planes are often
     * empty (counts below 256 leave all eight planes of a uint16's high byte empty): empty planes
     * are found first, with eight bytes per read, and neither gathered nor transposed.
     */
    static void unshuffle(byte[] in, int inOffset, byte[] out, int outOffset, int n, int size) {
        check(n);
        int rowBytes = n / 8;
        for (int j = 0; j < size; j++) {
            int planes = 0;
            for (int k = 0; k < 8; k++) {
                if (!empty(in, inOffset + (j * 8 + k) * rowBytes, rowBytes)) {
                    planes |= 1 << k;
                }
            }
            if (planes == 0) {
                for (int i = 0; i < n; i++) {
                    out[outOffset + i * size + j] = 0;
                }
                continue;
            }
            for (int group = 0; group < rowBytes; group++) {
                long x = 0;
                for (int k = 0; k < 8; k++) {
                    if ((planes & (1 << k)) != 0) {
                        x |= (in[inOffset + (j * 8 + k) * rowBytes + group] & 0xFFL) << (8 * k);
                    }
                }
                int first = outOffset + group * 8 * size + j;
                if (x == 0) {
                    for (int e = 0; e < 8; e++) {
                        out[first + e * size] = 0;
                    }
                    continue;
                }
                x = transpose8x8(x);
                for (int e = 0; e < 8; e++) {
                    out[first + e * size] = (byte) (x >>> (8 * e));
                }
            }
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Whether {@code length} bytes from {@code offset} are all zero. */
    private static boolean empty(byte[] bytes, int offset, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LONGS.get(bytes, offset + i) != 0) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (bytes[offset + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Transposes the 8x8 bit matrix held in a long (byte r is row r, bit c of it column c). */
    static long transpose8x8(long x) {
        long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
        return x ^ t ^ (t << 28);
    }

    private static void check(int n) {
        if (n % 8 != 0) {
            throw new IllegalArgumentException("bitshuffle works on multiples of 8 elements, not " + n);
        }
    }
}
