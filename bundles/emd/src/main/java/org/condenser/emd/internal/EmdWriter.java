package org.condenser.emd.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.json.Json;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

/**
 * Writes EMD files with jhdf, in either dialect (see {@link EmdDialect}).
 *
 * <p>jhdf can overwrite an attribute-only group with its trailer (shared/specs/libraries.md), so
 * every metadata group also holds a data set, {@code json}: the group's values as JSON, which also
 * keeps nested values whole.
 */
final class EmdWriter {

    static final String PROGRAM = "Condenser";

    private EmdWriter() {
    }

    static void write(Path file, EmdContent content, EmdDialect dialect) throws IOException {
        Path target = file.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "." + target.getFileName(), ".part");
        try {
            try (WritableHdfFile hdf = HdfFile.write(temporary)) {
                if (dialect == EmdDialect.EMD_0_2) {
                    version02(hdf, content);
                } else {
                    version10(hdf, content);
                }
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void version02(WritableHdfFile hdf, EmdContent content) {
        hdf.putAttribute("version_major", 0);
        hdf.putAttribute("version_minor", 2);
        WritableGroup data = hdf.putGroup("data");
        for (DataArray array : content.arrays()) {
            WritableGroup group = data.putGroup(array.name());
            group.putAttribute("emd_group_type", 1);
            // Stored transposed, as HyperSpy stores it, so HyperSpy shows the array as it is.
            DataArray stored = transposed(array);
            WritableDataset values = group.putDataset("data", JavaArrays.nested(stored), options(array));
            values.putAttribute("units", HyperSpyUnits.bracketed(array.unit()));
            MetadataValues.putAll(values, array.metadata());
            for (int d = 0; d < stored.axes().size(); d++) {
                Axis axis = stored.axes().get(d);
                // EMD 0.2 numbers axes from one; a linear axis is its first two coordinates.
                WritableDataset dim = group.putDataset("dim" + (d + 1),
                        new double[] { axis.offset(), axis.offset() + axis.step() });
                dim.putAttribute("name", axis.name());
                dim.putAttribute("units", HyperSpyUnits.bracketed(axis.unit()));
            }
        }
        for (Map.Entry<String, Map<String, Object>> group : content.groups().entrySet()) {
            metadataGroup(hdf.putGroup(group.getKey()), group.getValue());
        }
    }

    private static void version10(WritableHdfFile hdf, EmdContent content) {
        hdf.putAttribute("emd_group_type", "file");
        hdf.putAttribute("version_major", 1);
        hdf.putAttribute("version_minor", 0);
        hdf.putAttribute("UUID", UUID.randomUUID().toString());
        hdf.putAttribute("authoring_program", PROGRAM);
        hdf.putAttribute("authoring_user", System.getProperty("user.name", ""));
        WritableGroup root = hdf.putGroup("condenser");
        root.putAttribute("emd_group_type", "root");
        root.putAttribute("python_class", "Root");
        for (DataArray array : content.arrays()) {
            WritableGroup node = root.putGroup(array.name());
            node.putAttribute("emd_group_type", "array");
            node.putAttribute("python_class", "Array");
            WritableDataset values = node.putDataset("data", JavaArrays.nested(array), options(array));
            values.putAttribute("units", array.unit());
            for (int d = 0; d < array.axes().size(); d++) {
                Axis axis = array.axes().get(d);
                double[] coordinates = new double[axis.size()];
                for (int i = 0; i < coordinates.length; i++) {
                    coordinates[i] = axis.coordinate(i);
                }
                WritableDataset dim = node.putDataset("dim" + d, coordinates);
                dim.putAttribute("name", axis.name());
                dim.putAttribute("units", axis.unit());
            }
            if (!array.metadata().isEmpty()) {
                WritableGroup bundle = node.putGroup("metadatabundle");
                bundle.putAttribute("emd_group_type", "metadatabundle");
                WritableGroup metadata = bundle.putGroup("acquisition");
                metadata.putAttribute("emd_group_type", "metadata");
                metadata.putAttribute("python_class", "Metadata");
                metadataGroup(metadata, array.metadata());
            }
        }
        if (!content.groups().isEmpty()) {
            WritableGroup bundle = root.putGroup("metadatabundle");
            bundle.putAttribute("emd_group_type", "metadatabundle");
            for (Map.Entry<String, Map<String, Object>> group : content.groups().entrySet()) {
                WritableGroup metadata = bundle.putGroup(group.getKey());
                metadata.putAttribute("emd_group_type", "metadata");
                metadata.putAttribute("python_class", "Metadata");
                metadataGroup(metadata, group.getValue());
            }
        }
    }

    private static void metadataGroup(WritableGroup group, Map<String, Object> values) {
        MetadataValues.putAll(group, values);
        group.putDataset("json", Json.write(values));
    }

    private static DataArray transposed(DataArray array) {
        java.util.List<Axis> axes = new java.util.ArrayList<>(array.axes());
        java.util.Collections.reverse(axes);
        return new DataArray(array.name(), array.dtype(), AxisOrder.reversed(array.shape()),
                AxisOrder.transpose(array.data(), array.shape(), array.dtype().bytes()), array.unit(), axes, Map.of());
    }

    private static DatasetCreationOptions options(DataArray array) {
        return JavaArrays.unsigned(array.dtype()) ? DatasetCreationOptions.builder().unsigned().build()
                : DatasetCreationOptions.DEFAULT;
    }
}
