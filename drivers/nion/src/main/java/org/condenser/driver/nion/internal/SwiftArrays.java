package org.condenser.driver.nion.internal;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;

import net.razorvine.pyro.serializer.SerpentSerializer;

/**
 * Arrays as the companion sends them (bytes, numpy dtype string, shape, Swift calibrations) into
 * {@link DataArray}s: little-endian, calibrations in SI units. Anything malformed is refused with
 * what was wrong; nothing is guessed.
 */
final class SwiftArrays {

    private SwiftArrays() {
    }

    static DataArray decode(Object received, String name, List<String> axisNames, Map<String, Object> extra) {
        if (!(received instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(name + ": the companion sent " + describe(received) + ", not an array");
        }
        byte[] bytes = SerpentSerializer.toBytes(map.get("data"));
        String dtypeText = String.valueOf(map.get("dtype"));
        if (dtypeText.length() < 3) {
            throw new IllegalArgumentException(name + ": dtype '" + dtypeText + "' is not a numpy dtype string");
        }
        ByteOrder order = dtypeText.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        DType dtype = switch (dtypeText.substring(1)) {
            case "u1" -> DType.UINT8;
            case "i1" -> DType.INT8;
            case "u2" -> DType.UINT16;
            case "i2" -> DType.INT16;
            case "u4" -> DType.UINT32;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException(name + ": dtype '" + dtypeText + "' is not supported");
        };
        List<?> shapeList = (List<?>) map.get("shape");
        int[] shape = new int[shapeList.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = ((Number) shapeList.get(i)).intValue();
            elements *= shape[i];
        }
        if (bytes.length != elements * dtype.bytes()) {
            throw new IllegalArgumentException(name + ": " + bytes.length + " bytes for shape " + shapeList + " of "
                    + dtypeText + " (" + elements * dtype.bytes() + " expected)");
        }
        List<?> calibrations = map.get("calibrations") instanceof List<?> list ? list : List.of();
        List<Axis> axes = new ArrayList<>();
        for (int d = 0; d < shape.length; d++) {
            String axisName = d < axisNames.size() ? axisNames.get(d) : "axis " + d;
            if (d < calibrations.size() && calibrations.get(d) instanceof List<?> c && c.size() == 3) {
                String unit = String.valueOf(c.get(2));
                double factor = siFactor(unit);
                axes.add(new Axis(axisName, factor == 1 ? unit : siUnit(unit), ((Number) c.get(0)).doubleValue() * factor,
                        ((Number) c.get(1)).doubleValue() * factor, shape[d]));
            } else {
                axes.add(new Axis(axisName, "", 0, 1, shape[d]));
            }
        }
        Map<String, Object> metadata = new LinkedHashMap<>(extra);
        if (map.get("metadata") instanceof Map<?, ?> swift) {
            metadata.put("swift", plain(swift));
        }
        Object units = map.get("intensity_units");
        return DataArray.ofBytes(name, dtype, bytes, order, units == null ? "" : units.toString(), axes, metadata);
    }

    /** Swift calibrates lengths in nm and angles in mrad; Condenser speaks SI. */
    static double siFactor(String unit) {
        return switch (unit) {
            case "nm" -> 1e-9;
            case "um", "µm" -> 1e-6;
            case "pm" -> 1e-12;
            case "mrad" -> 1e-3;
            default -> 1;
        };
    }

    private static String siUnit(String unit) {
        return unit.endsWith("rad") ? "rad" : "m";
    }

    /** Swift metadata with keys as strings, for JSON and HDF5. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object p = plain(v);
                if (p != null) {
                    out.put(String.valueOf(k), p);
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (value instanceof Object[] array) {
            return plain(List.of(array));
        }
        return value;
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName();
    }
}
