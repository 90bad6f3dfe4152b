package org.condenser.dataplane.internal.codec;

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

    /** The inverse of {@link #shuffle}. */
    static void unshuffle(byte[] in, int inOffset, byte[] out, int outOffset, int n, int size) {
        check(n);
        int rowBytes = n / 8;
        for (int group = 0; group < rowBytes; group++) {
            int first = outOffset + group * 8 * size;
            for (int j = 0; j < size; j++) {
                long x = 0;
                for (int k = 0; k < 8; k++) {
                    x |= (in[inOffset + (j * 8 + k) * rowBytes + group] & 0xFFL) << (8 * k);
                }
                x = transpose8x8(x);
                for (int e = 0; e < 8; e++) {
                    out[first + e * size + j] = (byte) (x >>> (8 * e));
                }
            }
        }
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
