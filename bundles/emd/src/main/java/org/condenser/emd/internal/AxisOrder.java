package org.condenser.emd.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reverses the axes of a row-major array (the n-dimensional transpose). EMD 0.2 as HyperSpy writes
 * and reads it stores arrays with their axes reversed: HyperSpy transposes what it reads, so a file
 * holding {@code A.T} shows HyperSpy users {@code A}. Condenser writes that way and reads back into
 * its own row-major order.
 */
final class AxisOrder {

    private AxisOrder() {
    }

    static int[] reversed(int[] shape) {
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            out[i] = shape[shape.length - 1 - i];
        }
        return out;
    }

    /** The elements of an array of {@code shape} rearranged as its transpose (shape reversed). */
    static ByteBuffer transpose(ByteBuffer data, int[] shape, int elementSize) {
        int n = shape.length;
        long total = 1;
        for (int extent : shape) {
            total *= extent;
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(total * elementSize)).order(ByteOrder.LITTLE_ENDIAN);
        if (n < 2) {
            ByteBuffer copy = data.duplicate();
            out.put(copy).flip();
            return out;
        }
        // Strides of the source, in elements; walk the target in row-major order (the source reversed).
        long[] strides = new long[n];
        strides[n - 1] = 1;
        for (int d = n - 2; d >= 0; d--) {
            strides[d] = strides[d + 1] * shape[d + 1];
        }
        int[] targetShape = reversed(shape);
        int[] index = new int[n];
        byte[] element = new byte[elementSize];
        ByteBuffer source = data.duplicate();
        int base = source.position();
        for (long t = 0; t < total; t++) {
            long offset = 0;
            for (int d = 0; d < n; d++) {
                // target axis d is source axis n-1-d
                offset += index[d] * strides[n - 1 - d];
            }
            source.position(base + Math.toIntExact(offset * elementSize));
            source.get(element);
            out.put(element);
            for (int d = n - 1; d >= 0; d--) {
                if (++index[d] < targetShape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        out.flip();
        return out;
    }
}
