package org.condenser.analysis.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.condenser.api.analysis.FrameAnalysis;

/**
 * An analysis whose partial result is a fixed number of sums in a double array: merged by adding,
 * sent between nodes as little-endian doubles.
 */
abstract class SummedAnalysis implements FrameAnalysis<double[]> {

    /** How many sums a partial result holds. */
    abstract int sums();

    @Override
    public final double[] newPartial() {
        return new double[sums()];
    }

    @Override
    public final void merge(double[] into, double[] from) {
        if (into.length != from.length) {
            throw new IllegalArgumentException("partials of " + into.length + " and " + from.length + " values do not merge");
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    @Override
    public final byte[] toBytes(double[] partial) {
        ByteBuffer bytes = ByteBuffer.allocate(partial.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(partial);
        return bytes.array();
    }

    @Override
    public final double[] fromBytes(byte[] bytes) {
        if (bytes.length != sums() * 8) {
            throw new IllegalArgumentException("a partial result of " + bytes.length + " bytes; " + sums() * 8 + " expected");
        }
        double[] partial = new double[sums()];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(partial);
        return partial;
    }

    static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
