package org.condenser.api.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An n-dimensional typed array with calibrated axes, a unit for its values and metadata: what an
 * acquisition or an analysis returns (an image, a spectrum, a spectrum image, a 4D-STEM scan).
 *
 * <p>Elements are little-endian and row-major (last axis fastest). The buffer is held read-only;
 * {@link #data()} returns a fresh view positioned at 0. Metadata values are numbers, strings,
 * booleans, lists or maps of those, so they serialise to JSON and HDF5 attributes.
 *
 * @param name what it is, such as {@code HAADF} or {@code EELS}
 * @param dtype element type
 * @param shape dimensions, slowest first
 * @param data the elements
 * @param unit unit of the values, such as {@code counts}
 * @param axes one per dimension, in the order of {@code shape}
 * @param metadata instrument state and acquisition settings at the time it was taken
 */
public record DataArray(String name, DType dtype, int[] shape, ByteBuffer data, String unit, List<Axis> axes,
        Map<String, Object> metadata) {

    public DataArray {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(data, "data");
        unit = unit == null ? "" : unit;
        shape = shape.clone();
        axes = List.copyOf(axes);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        long elements = 1;
        for (int extent : shape) {
            if (extent <= 0) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " has an extent <= 0");
            }
            elements *= extent;
        }
        if (axes.size() != shape.length) {
            throw new IllegalArgumentException(name + ": " + axes.size() + " axes for " + shape.length + " dimensions");
        }
        for (int d = 0; d < shape.length; d++) {
            if (axes.get(d).size() != shape[d]) {
                throw new IllegalArgumentException(name + ": axis " + axes.get(d).name() + " has size "
                        + axes.get(d).size() + " but dimension " + d + " is " + shape[d]);
            }
        }
        if (data.remaining() != elements * dtype.bytes()) {
            throw new IllegalArgumentException(name + ": " + data.remaining() + " bytes for " + elements + " "
                    + dtype + " elements (" + elements * dtype.bytes() + " bytes expected)");
        }
        data = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * An array from raw bytes in either byte order, as instruments send them (Merlin and some
     * cameras big-endian): the bytes are put in little-endian order, in place.
     */
    public static DataArray ofBytes(String name, DType dtype, byte[] bytes, ByteOrder order, String unit,
            List<Axis> axes, Map<String, Object> metadata) {
        int size = dtype.bytes();
        if (order == ByteOrder.BIG_ENDIAN && size > 1) {
            for (int i = 0; i + size <= bytes.length; i += size) {
                for (int a = i, b = i + size - 1; a < b; a++, b--) {
                    byte swap = bytes[a];
                    bytes[a] = bytes[b];
                    bytes[b] = swap;
                }
            }
        }
        return new DataArray(name, dtype, shapeOf(axes), ByteBuffer.wrap(bytes), unit, axes, metadata);
    }

    /** A float32 array from values in row-major order. */
    public static DataArray ofFloats(String name, float[] values, String unit, List<Axis> axes,
            Map<String, Object> metadata) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return new DataArray(name, DType.FLOAT32, shapeOf(axes), buffer, unit, axes, metadata);
    }

    /** A uint16 array from values in row-major order; each value must lie in 0..65535. */
    public static DataArray ofUint16(String name, short[] values, String unit, List<Axis> axes,
            Map<String, Object> metadata) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(values);
        return new DataArray(name, DType.UINT16, shapeOf(axes), buffer, unit, axes, metadata);
    }

    private static int[] shapeOf(List<Axis> axes) {
        return axes.stream().mapToInt(Axis::size).toArray();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A fresh read-only little-endian view of the elements, positioned at 0. */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Number of elements. */
    public long elements() {
        return data.remaining() / dtype.bytes();
    }

    /** The element at a flat row-major index, widened to double (unsigned types read unsigned). */
    public double getDouble(long index) {
        int at = Math.toIntExact(index * dtype.bytes());
        return switch (dtype) {
            case UINT8 -> data.get(at) & 0xFF;
            case INT8 -> data.get(at);
            case UINT16 -> data.getShort(at) & 0xFFFF;
            case INT16 -> data.getShort(at);
            case UINT32 -> data.getInt(at) & 0xFFFF_FFFFL;
            case INT32 -> data.getInt(at);
            case INT64 -> data.getLong(at);
            case FLOAT32 -> data.getFloat(at);
            case FLOAT64 -> data.getDouble(at);
        };
    }

    /** Every element widened to double, row-major. */
    public double[] toDoubles() {
        double[] values = new double[Math.toIntExact(elements())];
        for (int i = 0; i < values.length; i++) {
            values[i] = getDouble(i);
        }
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DataArray a && name.equals(a.name) && dtype == a.dtype && Arrays.equals(shape, a.shape)
                && data.equals(a.data) && unit.equals(a.unit) && axes.equals(a.axes) && metadata.equals(a.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), unit, axes);
    }

    @Override
    public String toString() {
        return "DataArray[" + name + " " + dtype + Arrays.toString(shape) + " " + unit + "]";
    }
}
