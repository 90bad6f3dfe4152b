package org.condenser.core.internal.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.WriteResult;

/**
 * Checks a proposed value against its property's descriptor: writable, of the right type, finite,
 * within the instrument's range. Numbers are widened to the property's type (an Integer for a
 * DOUBLE property is fine), never narrowed (2.5 is not a LONG).
 */
final class ValueCheck {

    /** The value as the property's type, or the reason it is not acceptable. */
    record Outcome(Object value, WriteResult failure) {
        boolean ok() {
            return failure == null;
        }
    }

    private ValueCheck() {
    }

    static Outcome check(String instrument, PropertyDescriptor descriptor, Object requested) {
        String name = descriptor.name();
        if (!descriptor.writable()) {
            return fail(name, requested, RecordStatus.NOT_WRITABLE, instrument + ": " + name + " is read-only");
        }
        Object value = coerce(descriptor, requested);
        if (value == null) {
            return fail(name, requested, RecordStatus.WRONG_TYPE, instrument + ": " + name + " takes a "
                    + descriptor.type().name().toLowerCase(Locale.ROOT) + ", not " + describe(requested));
        }
        double[] numbers = SafetyEnvelope.numbers(value);
        if (numbers != null) {
            for (double element : numbers) {
                if (!Double.isFinite(element)) {
                    return fail(name, requested, RecordStatus.OUT_OF_RANGE,
                            instrument + ": " + name + " = " + ValueText.format(value) + " is not a finite number");
                }
            }
            String outside = outsideRange(instrument, descriptor, value);
            if (outside != null) {
                return fail(name, requested, RecordStatus.OUT_OF_RANGE, outside);
            }
        }
        return new Outcome(value, null);
    }

    /** Why a number (or each element of a vector) lies outside the property's range, or null when it does not. */
    static String outsideRange(String instrument, PropertyDescriptor descriptor, Object value) {
        double[] numbers = SafetyEnvelope.numbers(value);
        for (double element : numbers == null ? new double[0] : numbers) {
            if (!descriptor.inRange(element)) {
                return instrument + ": " + descriptor.name() + " = " + ValueText.format(value) + unit(descriptor)
                        + " is outside the instrument's range " + ValueText.format(descriptor.minimum()) + ".."
                        + ValueText.format(descriptor.maximum()) + unit(descriptor);
            }
        }
        return null;
    }

    private static Object coerce(PropertyDescriptor descriptor, Object requested) {
        return switch (descriptor.type()) {
            case DOUBLE -> requested instanceof Number n ? (Object) n.doubleValue() : null;
            case LONG -> requested instanceof Long || requested instanceof Integer || requested instanceof Short
                    || requested instanceof Byte ? (Object) ((Number) requested).longValue() : null;
            case BOOLEAN -> requested instanceof Boolean ? requested : null;
            case STRING -> requested instanceof String ? requested : null;
            case VECTOR -> vector(requested);
        };
    }

    private static List<Double> vector(Object requested) {
        List<Double> elements = new ArrayList<>();
        if (requested instanceof double[] array) {
            for (double element : array) {
                elements.add(element);
            }
            return elements;
        }
        if (!(requested instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        for (Object element : list) {
            if (!(element instanceof Number n)) {
                return null;
            }
            elements.add(n.doubleValue());
        }
        return List.copyOf(elements);
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " " + ValueText.format(value);
    }

    private static String unit(PropertyDescriptor descriptor) {
        return descriptor.unit().isEmpty() ? "" : " " + descriptor.unit();
    }

    private static Outcome fail(String name, Object requested, RecordStatus status, String message) {
        return new Outcome(null, WriteResult.failed(name, requested, status, message));
    }
}
