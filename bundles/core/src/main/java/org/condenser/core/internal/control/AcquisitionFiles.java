package org.condenser.core.internal.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.json.Json;

/**
 * Writes what the shell acquired where a person can open it: the array as a NumPy {@code .npy}
 * file ({@code numpy.load}), and beside it a {@code .json} file with the axes (name, unit, offset,
 * step), the unit of the values and the metadata. Both are written to a temporary name and renamed,
 * so a file that exists is complete.
 */
final class AcquisitionFiles {

    private AcquisitionFiles() {
    }

    /** Writes {@code base.npy} and {@code base.json}; returns the .npy path. */
    static Path write(DataArray array, Path base) throws IOException {
        return write(array, base, Map.of());
    }

    /** As {@link #write(DataArray, Path)}, with {@code extra} entries (a provenance record) in the description. */
    static Path write(DataArray array, Path base, Map<String, Object> extra) throws IOException {
        Path npy = base.resolveSibling(base.getFileName() + ".npy");
        Path json = base.resolveSibling(base.getFileName() + ".json");
        Files.createDirectories(npy.toAbsolutePath().getParent());
        atomically(npy, out -> writeNpy(array, out));
        Map<String, Object> description = description(array);
        description.putAll(extra);
        atomically(json, out -> out.write(Json.pretty(description).getBytes(StandardCharsets.UTF_8)));
        return npy;
    }

    /** The .npy header format 1.0: magic, version, header length, then a padded dict literal. */
    static void writeNpy(DataArray array, OutputStream out) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        for (int extent : array.shape()) {
            shape.append(extent).append(", ");
        }
        if (array.shape().length > 1) {
            shape.setLength(shape.length() - 2);
        } else {
            shape.setLength(shape.length() - 1);
        }
        shape.append(')');
        String dict = "{'descr': '" + descr(array) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        out.write(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 });
        out.write(header.length() & 0xFF);
        out.write((header.length() >> 8) & 0xFF);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        WritableByteChannel channel = Channels.newChannel(out);
        ByteBuffer data = array.data();
        while (data.hasRemaining()) {
            channel.write(data);
        }
    }

    private static String descr(DataArray array) {
        return switch (array.dtype()) {
            case UINT8 -> "|u1";
            case INT8 -> "|i1";
            case UINT16 -> "<u2";
            case INT16 -> "<i2";
            case UINT32 -> "<u4";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
        };
    }

    static Map<String, Object> description(DataArray array) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", array.name());
        description.put("dtype", array.dtype().name().toLowerCase());
        description.put("shape", array.shape());
        description.put("unit", array.unit());
        List<Object> axes = new ArrayList<>();
        for (Axis axis : array.axes()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("name", axis.name());
            a.put("unit", axis.unit());
            a.put("offset", axis.offset());
            a.put("step", axis.step());
            a.put("size", axis.size());
            axes.add(a);
        }
        description.put("axes", axes);
        description.put("metadata", array.metadata());
        return description;
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void atomically(Path target, Writer writer) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(temporary)) {
            writer.write(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
