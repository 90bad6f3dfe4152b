package org.condenser.api.data;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One array found in an EMD file, described without reading its elements.
 *
 * @param path the HDF5 path of its data set, which {@link EmdFile#read} and {@link EmdFile#readFrame} take
 * @param name its name (the data group's name in EMD, the data set's title in Velox)
 * @param dtype element type
 * @param shape dimensions, slowest first, as stored in the file
 * @param unit unit of the values, empty when the file does not say
 * @param axes one per dimension, as the file calibrates them
 * @param metadata what the file says about this array (attributes, Velox JSON)
 */
public record EmdArray(String path, String name, DType dtype, int[] shape, String unit, List<Axis> axes,
        Map<String, Object> metadata) {

    public EmdArray {
        shape = shape.clone();
        axes = List.copyOf(axes);
        metadata = Map.copyOf(metadata);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmdArray a && path.equals(a.path) && Arrays.equals(shape, a.shape) && dtype == a.dtype;
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(shape);
    }
}
