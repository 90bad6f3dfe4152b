package org.condenser.emd.internal;

import java.util.List;
import java.util.Map;

import org.condenser.json.Json;

import io.jhdf.api.WritableNode;

/**
 * Metadata values onto HDF5 attributes: numbers, strings and booleans as themselves, lists of
 * numbers as arrays, anything nested as JSON text (which every reader can parse).
 */
final class MetadataValues {

    private MetadataValues() {
    }

    static void putAll(WritableNode node, Map<String, Object> values) {
        values.forEach((key, value) -> put(node, key, value));
    }

    static void put(WritableNode node, String key, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Boolean flag) {
            // jhdf writes booleans as a one-byte enum that not every reader maps; 0/1 reads everywhere.
            node.putAttribute(key, flag ? 1 : 0);
        } else if (value instanceof Number || value instanceof String) {
            node.putAttribute(key, value);
        } else if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Number.class::isInstance)) {
            node.putAttribute(key, list.stream().mapToDouble(n -> ((Number) n).doubleValue()).toArray());
        } else if (value instanceof int[] || value instanceof double[] || value instanceof long[]) {
            node.putAttribute(key, value);
        } else {
            node.putAttribute(key, Json.write(value));
        }
    }
}
