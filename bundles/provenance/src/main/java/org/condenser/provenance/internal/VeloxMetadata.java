package org.condenser.provenance.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.condenser.json.Json;

/**
 * What a Velox file's JSON metadata says about the microscope, in Condenser's property names and
 * SI units: Velox writes numbers as strings, in volts, metres and radians, and the acquisition's
 * start as epoch seconds.
 */
final class VeloxMetadata {

    /** Velox paths, dot-separated, and the property each one is. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "Optics.AccelerationVoltage", "high_tension",
            "Optics.Defocus", "defocus",
            "Optics.BeamConvergence", "convergence_angle",
            "Optics.FullScanFieldOfView.x", "field_of_view",
            "Stage.Position.x", "stage_x",
            "Stage.Position.y", "stage_y",
            "Stage.Position.z", "stage_z",
            "Stage.AlphaTilt", "stage_alpha",
            "Stage.BetaTilt", "stage_beta");

    private VeloxMetadata() {
    }

    static CheckMetadataStep.FileMetadata read(String json) {
        Object parsed;
        try {
            parsed = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the file's Velox metadata is not JSON: " + e.getMessage());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        PROPERTIES.forEach((path, property) -> {
            Object value = at(parsed, path);
            Double number = number(value);
            if (number != null) {
                values.put(property, number);
            }
        });
        Double seconds = number(at(parsed, "Acquisition.AcquisitionStartDatetime.DateTime"));
        Instant time = seconds == null ? null : Instant.ofEpochMilli((long) (seconds * 1000));
        return new CheckMetadataStep.FileMetadata(values, time);
    }

    private static Object at(Object node, String path) {
        Object here = node;
        for (String key : path.split("\\.")) {
            if (!(here instanceof Map<?, ?> map)) {
                return null;
            }
            here = map.get(key);
        }
        return here;
    }

    private static Double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text.strip());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }
}
