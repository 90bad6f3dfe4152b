package org.condenser.core.internal.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.condenser.api.instrument.PropertyDescriptor;

/** Property values to and from the text people type and read in the shell and in messages. */
final class ValueText {

    private ValueText() {
    }

    /** A value as people read it: numbers in the shortest form that round-trips, vectors in parentheses. */
    static String format(Object value) {
        if (value instanceof Double d) {
            return format(d.doubleValue());
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(element -> parts.add(format(element)));
            return "(" + String.join(", ", parts) + ")";
        }
        return String.valueOf(value);
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).toLowerCase(Locale.ROOT);
    }

    /**
     * Text typed for a property, as a value of the property's type.
     *
     * @throws CommandFailure naming the property, the text and the type expected
     */
    static Object parse(PropertyDescriptor descriptor, String text) {
        String trimmed = text.trim();
        try {
            return switch (descriptor.type()) {
                case DOUBLE -> Double.parseDouble(trimmed);
                case LONG -> Long.parseLong(trimmed);
                case BOOLEAN -> switch (trimmed.toLowerCase(Locale.ROOT)) {
                    case "true", "on", "1" -> Boolean.TRUE;
                    case "false", "off", "0" -> Boolean.FALSE;
                    default -> throw new NumberFormatException();
                };
                case STRING -> trimmed;
                case VECTOR -> {
                    List<Double> elements = new ArrayList<>();
                    for (String part : trimmed.replaceAll("[()\\[\\]]", "").split("[,\\s]+")) {
                        if (!part.isEmpty()) {
                            elements.add(Double.parseDouble(part));
                        }
                    }
                    yield elements;
                }
            };
        } catch (NumberFormatException e) {
            throw new CommandFailure(descriptor.name() + ": '" + text + "' is not a "
                    + descriptor.type().name().toLowerCase(Locale.ROOT) + (descriptor.unit().isEmpty() ? ""
                            : " in " + descriptor.unit()));
        }
    }
}
