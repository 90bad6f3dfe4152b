package org.condenser.analysis.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Partial results that are plain sums in a double array: merged by adding, sent as little-endian doubles. */
final class Partials {

    private Partials() {
    }

    static void add(double[] into, double[] from) {
        if (into.length != from.length) {
            throw new IllegalArgumentException("partials of " + into.length + " and " + from.length + " values do not merge");
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    static byte[] toBytes(double[] partial) {
        ByteBuffer bytes = ByteBuffer.allocate(partial.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(partial);
        return bytes.array();
    }

    static double[] fromBytes(byte[] bytes, int length) {
        if (bytes.length != length * 8) {
            throw new IllegalArgumentException("a partial result of " + bytes.length + " bytes; " + length * 8 + " expected");
        }
        double[] partial = new double[length];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(partial);
        return partial;
    }
}
