package org.condenser.emd.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdArray;
import org.condenser.api.data.EmdFile;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * An EMD file opened with jhdf: the dialect recognised from the root (EMD 1.0's
 * {@code emd_group_type = "file"}, EMD 0.2's {@code version_major = 0}, Velox's {@code Version}
 * data set), its arrays described from their data sets and axes, elements read only on demand.
 */
final class OpenEmdFile implements EmdFile {

    private final Path path;
    private final HdfFile hdf;
    private final String dialect;
    private final List<EmdArray> arrays = new ArrayList<>();
    private final Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    /** Data sets stored with their axes reversed (EMD 0.2), by path. */
    private final Set<String> transposedPaths = new HashSet<>();

    OpenEmdFile(Path path) throws IOException {
        this.path = path;
        try {
            this.hdf = new HdfFile(path);
        } catch (RuntimeException e) {
            throw new IOException(path + " is not a readable HDF5 file (" + reason(e) + ")", e);
        }
        try {
            if (hdf.getChild("Version") instanceof Dataset version && text(version).contains("Velox")) {
                dialect = "Velox";
                velox();
            } else if ("file".equals(attribute(hdf, "emd_group_type"))) {
                dialect = "EMD " + attribute(hdf, "version_major") + "." + attribute(hdf, "version_minor");
                version10(hdf);
            } else if (attribute(hdf, "version_major") != null) {
                dialect = "EMD " + attribute(hdf, "version_major") + "." + attribute(hdf, "version_minor");
                version02(hdf);
            } else {
                throw new IOException(path + " is HDF5 but not EMD: its root has neither version_major, "
                        + "emd_group_type nor a Velox Version data set");
            }
        } catch (IOException e) {
            hdf.close();
            throw e;
        } catch (RuntimeException e) {
            hdf.close();
            throw new IOException(path + " could not be read as EMD (" + reason(e) + ")", e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    // --- EMD 0.2: groups with emd_group_type = 1 anywhere, holding data and dim1..dimN ---

    private void version02(Group group) {
        for (Node child : group) {
            if (child instanceof Group g) {
                Object type = attribute(g, "emd_group_type");
                if (type instanceof Number n && n.intValue() == 1 && g.getChild("data") instanceof Dataset data) {
                    arrays.add(reversed(describe(data, g.getName(), "dim", 1, true)));
                } else if (group == hdf && !"data".equals(g.getName())) {
                    groups.put(g.getName(), attributes(g));
                } else {
                    version02(g);
                }
            }
        }
    }

    /** An EMD 0.2 array as Condenser sees it: axes back in row-major order (the file holds the transpose). */
    private EmdArray reversed(EmdArray stored) {
        transposedPaths.add(stored.path());
        List<Axis> axes = new ArrayList<>(stored.axes());
        Collections.reverse(axes);
        return new EmdArray(stored.path(), stored.name(), stored.dtype(), AxisOrder.reversed(stored.shape()),
                stored.unit(), axes, stored.metadata());
    }

    // --- EMD 1.0: array nodes under root groups; metadata bundles beside them ---

    private void version10(Group group) {
        for (Node child : group) {
            if (child instanceof Group g) {
                Object type = attribute(g, "emd_group_type");
                if ("array".equals(type) && g.getChild("data") instanceof Dataset data) {
                    arrays.add(describe(data, g.getName(), "dim", 0, false));
                } else if ("metadata".equals(type)) {
                    groups.put(g.getName(), attributes(g));
                } else {
                    version10(g);
                }
            }
        }
    }

    private EmdArray describe(Dataset data, String name, String dimPrefix, int firstDim, boolean bracketedUnits) {
        int[] shape = data.getDimensions();
        List<Axis> axes = new ArrayList<>();
        Group parent = data.getParent();
        for (int d = 0; d < shape.length; d++) {
            Node dim = parent.getChild(dimPrefix + (d + firstDim));
            if (dim instanceof Dataset axis) {
                double[] values = doubles(axis);
                String unit = String.valueOf(attributeOr(axis, "units", ""));
                double offset = values.length > 0 ? values[0] : 0;
                double step = values.length > 1 ? values[1] - values[0] : 1;
                axes.add(new Axis(String.valueOf(attributeOr(axis, "name", "axis " + d)),
                        bracketedUnits ? HyperSpyUnits.plain(unit) : unit, offset, step, shape[d]));
            } else {
                axes.add(new Axis("axis " + d, "", 0, 1, shape[d]));
            }
        }
        String unit = String.valueOf(attributeOr(data, "units", ""));
        return new EmdArray(data.getPath(), name, Hdf5Types.dtype(data), shape,
                bracketedUnits ? HyperSpyUnits.plain(unit) : unit, axes, attributes(data));
    }

    // --- Velox: /Data/Image/<id>/Data (height, width, frames) with NUL-padded JSON metadata ---

    private void velox() {
        if (!(hdf.getChild("Data") instanceof Group data)) {
            return;
        }
        for (String kind : List.of("Image", "SpectrumImage", "SpectrumStream")) {
            if (data.getChild(kind) instanceof Group items) {
                for (Node item : items) {
                    if (item instanceof Group g && g.getChild("Data") instanceof Dataset values) {
                        Map<String, Object> metadata = new LinkedHashMap<>();
                        if (g.getChild("Metadata") instanceof Dataset json) {
                            metadata.put("velox_metadata", veloxJson(json));
                        }
                        int[] shape = values.getDimensions();
                        List<Axis> axes = new ArrayList<>();
                        // Velox stores images as (height, width, frames) and spectrum images as (height, width, channels).
                        String[] names = shape.length != 3 ? null
                                : new String[] { "y", "x", "Image".equals(kind) ? "frame" : "energy channel" };
                        for (int d = 0; d < shape.length; d++) {
                            axes.add(new Axis(names != null ? names[d] : "axis " + d, "", 0, 1, shape[d]));
                        }
                        arrays.add(new EmdArray(values.getPath(), kind + " " + g.getName(), Hdf5Types.dtype(values),
                                shape, "", axes, metadata));
                    }
                }
            }
        }
    }

    /** Velox keeps each frame's metadata JSON as NUL-padded bytes in the columns of a uint8 data set. */
    private static String veloxJson(Dataset json) {
        Object read = json.getData();
        int[] shape = json.getDimensions();
        byte[] column = new byte[shape[0]];
        for (int i = 0; i < shape[0]; i++) {
            Object row = Array.get(read, i);
            Object first = row.getClass().isArray() ? Array.get(row, 0) : row;
            column[i] = ((Number) first).byteValue();
        }
        int end = 0;
        while (end < column.length && column[end] != 0) {
            end++;
        }
        return new String(column, 0, end, StandardCharsets.UTF_8);
    }

    // --- elements ---

    @Override
    public DataArray read(String datasetPath) throws IOException {
        EmdArray array = array(datasetPath);
        Dataset dataset = hdf.getDatasetByPath(datasetPath);
        long elements = Arrays.stream(array.shape()).asLongStream().reduce(1, (a, b) -> a * b);
        try {
            ByteBuffer elementsRead = JavaArrays.flatten(dataset.getData(), array.dtype(), elements);
            if (transposedPaths.contains(datasetPath)) {
                elementsRead = AxisOrder.transpose(elementsRead, dataset.getDimensions(), array.dtype().bytes());
            }
            return new DataArray(array.name(), array.dtype(), array.shape(), elementsRead, array.unit(), array.axes(),
                    array.metadata());
        } catch (RuntimeException e) {
            throw new IOException(path + ": " + datasetPath + " could not be read (" + reason(e) + ")", e);
        }
    }

    @Override
    public DataArray readFrame(String datasetPath, long index) throws IOException {
        EmdArray array = array(datasetPath);
        int[] shape = array.shape();
        if (index < 0 || index >= shape[0]) {
            throw new IOException(path + ": " + datasetPath + " has " + shape[0] + " frames; there is no frame " + index);
        }
        boolean transposed = transposedPaths.contains(datasetPath);
        // The first axis of the array is the last axis of the file when the file holds the transpose.
        int[] fileShape = transposed ? AxisOrder.reversed(shape) : shape;
        int axis = transposed ? fileShape.length - 1 : 0;
        long[] offset = new long[fileShape.length];
        offset[axis] = index;
        int[] slabShape = fileShape.clone();
        slabShape[axis] = 1;
        int[] resultShape = Arrays.copyOfRange(shape, 1, shape.length);
        long elements = Arrays.stream(resultShape).asLongStream().reduce(1, (a, b) -> a * b);
        try {
            Object slab = hdf.getDatasetByPath(datasetPath).getData(offset, slabShape);
            ByteBuffer frame = JavaArrays.flatten(slab, array.dtype(), elements);
            if (transposed) {
                frame = AxisOrder.transpose(frame, AxisOrder.reversed(resultShape), array.dtype().bytes());
            }
            return new DataArray(array.name() + "[" + index + "]", array.dtype(), resultShape, frame, array.unit(),
                    array.axes().subList(1, array.axes().size()), array.metadata());
        } catch (RuntimeException e) {
            throw new IOException(path + ": frame " + index + " of " + datasetPath + " could not be read ("
                    + reason(e) + ")", e);
        }
    }

    private EmdArray array(String datasetPath) throws IOException {
        for (EmdArray array : arrays) {
            if (array.path().equals(datasetPath)) {
                return array;
            }
        }
        throw new IOException(path + " has no array at " + datasetPath);
    }

    // --- helpers ---

    private static Object attribute(Node node, String name) {
        Attribute attribute = node.getAttribute(name);
        return attribute == null ? null : plain(attribute.getData());
    }

    private static Object attributeOr(Node node, String name, Object fallback) {
        Object value = attribute(node, name);
        return value == null ? fallback : value;
    }

    private static Map<String, Object> attributes(Node node) {
        Map<String, Object> values = new LinkedHashMap<>();
        node.getAttributes().forEach((name, attribute) -> {
            Object value = plain(attribute.getData());
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    /** Scalars unwrapped, arrays of numbers as lists, strings as strings. */
    private static Object plain(Object value) {
        if (value == null) {
            return null;
        }
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            if (n == 1) {
                return plain(Array.get(value, 0));
            }
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(plain(Array.get(value, i)));
            }
            return list;
        }
        return value;
    }

    private static double[] doubles(Dataset dataset) {
        Object data = dataset.getData();
        int n = Array.getLength(data);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = ((Number) Array.get(data, i)).doubleValue();
        }
        return values;
    }

    private static String text(Dataset dataset) {
        Object data = dataset.getData();
        return data instanceof String s ? s : String.valueOf(plain(data));
    }

    @Override
    public String dialect() {
        return dialect;
    }

    @Override
    public List<EmdArray> arrays() {
        return List.copyOf(arrays);
    }

    @Override
    public Map<String, Map<String, Object>> groups() {
        return Map.copyOf(groups);
    }

    @Override
    public void close() {
        hdf.close();
    }
}
