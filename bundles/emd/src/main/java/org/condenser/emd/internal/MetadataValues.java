package org.condenser.emd.internal;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

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
            node.putAttribute(key, json(value));
        }
    }

    /** A value as JSON text. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
            while (entries.hasNext()) {
                Map.Entry<?, ?> entry = entries.next();
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
                if (entries.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i > 0 ? "," : "");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof int[] ints) {
            write(java.util.Arrays.stream(ints).boxed().toList(), out);
        } else if (value instanceof double[] doubles) {
            write(java.util.Arrays.stream(doubles).boxed().toList(), out);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(String.valueOf(value), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
