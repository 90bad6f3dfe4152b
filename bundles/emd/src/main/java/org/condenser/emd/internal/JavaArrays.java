package org.condenser.emd.internal;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;

/**
 * Between Condenser's flat little-endian arrays and the nested Java arrays jhdf reads and writes
 * ({@code float[h][w]}, …). jhdf writes unsigned types from the signed Java type of the same width
 * (flagged unsigned), and reads them back widened (uint16 as int[]), so both directions go by the
 * HDF5 type, not the Java one.
 */
final class JavaArrays {

    private JavaArrays() {
    }

    /** The Java element type jhdf writes a dtype from. */
    static Class<?> writeType(DType dtype) {
        return switch (dtype) {
            case UINT8, INT8 -> byte.class;
            case UINT16, INT16 -> short.class;
            case UINT32, INT32 -> int.class;
            case INT64 -> long.class;
            case FLOAT32 -> float.class;
            case FLOAT64 -> double.class;
        };
    }

    static boolean unsigned(DType dtype) {
        return dtype == DType.UINT8 || dtype == DType.UINT16 || dtype == DType.UINT32;
    }

    /** The array as nested Java arrays of its shape (a scalar shape of one element stays an array). */
    static Object nested(DataArray array) {
        ByteBuffer data = array.data();
        Object nested = Array.newInstance(writeType(array.dtype()), array.shape());
        fill(nested, data, array.dtype());
        return nested;
    }

    private static void fill(Object target, ByteBuffer data, DType dtype) {
        Class<?> component = target.getClass().getComponentType();
        if (component.isArray()) {
            for (int i = 0; i < Array.getLength(target); i++) {
                fill(Array.get(target, i), data, dtype);
            }
            return;
        }
        int n = Array.getLength(target);
        switch (dtype) {
            case UINT8, INT8 -> data.get((byte[]) target);
            case UINT16, INT16 -> data.asShortBuffer().get((short[]) target);
            case UINT32, INT32 -> data.asIntBuffer().get((int[]) target);
            case INT64 -> data.asLongBuffer().get((long[]) target);
            case FLOAT32 -> data.asFloatBuffer().get((float[]) target);
            case FLOAT64 -> data.asDoubleBuffer().get((double[]) target);
        }
        if (dtype.bytes() > 1) {
            data.position(data.position() + n * dtype.bytes());
        }
    }

    /** Nested (or flat) Java arrays as read by jhdf into little-endian bytes of the given dtype. */
    static ByteBuffer flatten(Object read, DType dtype, long elements) {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(elements * dtype.bytes())).order(ByteOrder.LITTLE_ENDIAN);
        put(read, dtype, out);
        if (out.hasRemaining()) {
            throw new IllegalStateException("read " + out.position() / dtype.bytes() + " elements, expected " + elements);
        }
        out.flip();
        return out;
    }

    private static void put(Object source, DType dtype, ByteBuffer out) {
        if (source.getClass().getComponentType().isArray()) {
            for (int i = 0; i < Array.getLength(source); i++) {
                put(Array.get(source, i), dtype, out);
            }
            return;
        }
        // Innermost rows in bulk, by the Java type jhdf read them as (unsigned types come widened).
        if (source instanceof byte[] row) {
            out.put(row);
        } else if (source instanceof short[] row && dtype.bytes() == 2) {
            out.asShortBuffer().put(row);
            out.position(out.position() + row.length * 2);
        } else if (source instanceof int[] row && dtype.bytes() == 4 && dtype != DType.FLOAT32) {
            out.asIntBuffer().put(row);
            out.position(out.position() + row.length * 4);
        } else if (source instanceof int[] row) {
            for (int v : row) {
                putInteger(out, dtype, v);
            }
        } else if (source instanceof short[] row) {
            for (short v : row) {
                putInteger(out, dtype, v);
            }
        } else if (source instanceof long[] row) {
            for (long v : row) {
                putInteger(out, dtype, v);
            }
        } else if (source instanceof float[] row) {
            out.asFloatBuffer().put(row);
            out.position(out.position() + row.length * 4);
        } else if (source instanceof double[] row && dtype == DType.FLOAT64) {
            out.asDoubleBuffer().put(row);
            out.position(out.position() + row.length * 8);
        } else if (source instanceof double[] row) {
            for (double v : row) {
                out.putFloat((float) v);
            }
        } else {
            // BigInteger (uint64) and anything else jhdf may hand back, element by element.
            for (int i = 0; i < Array.getLength(source); i++) {
                Object element = Array.get(source, i);
                putInteger(out, dtype, element instanceof java.math.BigInteger big ? big.longValue()
                        : ((Number) element).longValue());
            }
        }
    }

    private static void putInteger(ByteBuffer out, DType dtype, long value) {
        switch (dtype) {
            case UINT8, INT8 -> out.put((byte) value);
            case UINT16, INT16 -> out.putShort((short) value);
            case UINT32, INT32 -> out.putInt((int) value);
            case INT64 -> out.putLong(value);
            case FLOAT32 -> out.putFloat(value);
            case FLOAT64 -> out.putDouble(value);
        }
    }
}
