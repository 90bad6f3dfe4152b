package org.condenser.api.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What goes into one EMD file: arrays (each with its axes, unit and metadata) and named metadata
 * groups, such as {@code microscope}, {@code sample}, {@code user} and {@code provenance}.
 *
 * @param arrays at least one; names must be unique, as each becomes a group
 * @param groups group name to its values (numbers, strings, booleans, lists and maps of them)
 */
public record EmdContent(List<DataArray> arrays, Map<String, Map<String, Object>> groups) {

    public EmdContent {
        arrays = List.copyOf(arrays);
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("an EMD file needs at least one array");
        }
        if (arrays.stream().map(DataArray::name).distinct().count() != arrays.size()) {
            throw new IllegalArgumentException("array names must be unique in one file: "
                    + arrays.stream().map(DataArray::name).toList());
        }
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        groups.forEach((name, values) -> copy.put(Objects.requireNonNull(name, "group name"),
                Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        groups = Collections.unmodifiableMap(copy);
    }

    public static EmdContent of(DataArray array) {
        return new EmdContent(List.of(array), Map.of());
    }
}
