package org.condenser.driver.daq.internal.dectris;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a SIMPLON REST parameter, {@code {"value": …}}, both ways: a string, a number or a
 * boolean. Nothing else travels in these bodies, so no general JSON library is needed.
 */
final class SimplonValue {

    private static final Pattern BODY = Pattern.compile("\\s*\\{\\s*\"value\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[-+0-9.eE]+|true|false)\\s*}\\s*");

    private SimplonValue() {
    }

    static String body(Object value) {
        return "{\"value\": " + json(value) + "}";
    }

    static String json(Object value) {
        if (value instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%s", d);
        }
        return String.valueOf(value);
    }

    /** A String, Long, Double or Boolean. */
    static Object parse(String body) {
        Matcher matcher = BODY.matcher(body);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("the body is not {\"value\": string, number or boolean}: "
                    + (body.length() > 80 ? body.substring(0, 80) + "…" : body));
        }
        String value = matcher.group(1);
        if (value.startsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.valueOf(value);
        }
        try {
            return value.matches("[-+]?[0-9]+") ? (Object) Long.valueOf(value) : (Object) Double.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
    }
}
