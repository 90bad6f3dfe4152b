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
        // Walk the target in row-major order; target axis d is source axis n-1-d, so its source stride is
        // the source's stride for that axis. An odometer keeps the source offset without multiplying.
        long[] strides = new long[n];
        strides[n - 1] = 1;
        for (int d = n - 2; d >= 0; d--) {
            strides[d] = strides[d + 1] * shape[d + 1];
        }
        int[] targetShape = reversed(shape);
        long[] targetStride = new long[n];
        for (int d = 0; d < n; d++) {
            targetStride[d] = strides[n - 1 - d] * elementSize;
        }
        byte[] source = new byte[Math.toIntExact(total * elementSize)];
        data.duplicate().get(source);
        byte[] target = out.array();
        int[] index = new int[n];
        long offset = 0;
        int last = n - 1;
        int at = 0;
        for (long t = 0; t < total; t++) {
            int from = (int) offset;
            for (int b = 0; b < elementSize; b++) {
                target[at++] = source[from + b];
            }
            // Advance the odometer: the last target axis moves fastest.
            int d = last;
            offset += targetStride[d];
            while (++index[d] == targetShape[d]) {
                offset -= targetStride[d] * targetShape[d];
                index[d] = 0;
                if (--d < 0) {
                    break;
                }
                offset += targetStride[d];
            }
        }
        out.position(target.length);
        out.flip();
        return out;
    }
}
