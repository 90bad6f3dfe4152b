package org.condenser.api.instrument;

import java.util.Objects;

/**
 * What one instrument property is: its name, unit, type, range and whether it can be written.
 *
 * <p>Names come from {@link PropertyNames} where the standard vocabulary has one; native names are
 * namespaced by vendor ({@code nion:C10}). Units are SI symbols without prefixes (m, V, A, rad, Pa),
 * so values from different vendors compare directly.
 *
 * <p>Immutable and thread safe.
 *
 * @param name standard or namespaced native name
 * @param unit SI unit symbol; empty for dimensionless values
 * @param type the value's type
 * @param minimum lowest value the instrument accepts, or {@code Double.NEGATIVE_INFINITY}
 * @param maximum highest value the instrument accepts, or {@code Double.POSITIVE_INFINITY}
 * @param writable whether the property can be set
 * @param description one line for people
 * @param aliasOf for a native name that sets the same quantity as a standard one, in the same unit
 *        ({@code nion:EHT} is {@code high_tension}), that standard name; empty otherwise. The safety
 *        envelope applies the standard name's rules to its aliases, so no native name bypasses them.
 */
public record PropertyDescriptor(String name, String unit, ValueType type, double minimum, double maximum,
        boolean writable, String description, String aliasOf) {

    public PropertyDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
        aliasOf = aliasOf == null ? "" : aliasOf;
        if (name.isBlank()) {
            throw new IllegalArgumentException("a property needs a name");
        }
        if (minimum > maximum) {
            throw new IllegalArgumentException(
                    "property " + name + ": minimum " + minimum + " is above maximum " + maximum);
        }
    }

    /** Whether this property is another name for one the instrument also lists ({@link #aliasOf()}). */
    public boolean isAlias() {
        return !aliasOf.isEmpty();
    }

    /** A property that is no alias of another. */
    public PropertyDescriptor(String name, String unit, ValueType type, double minimum, double maximum,
            boolean writable, String description) {
        this(name, unit, type, minimum, maximum, writable, description, "");
    }

    /** This descriptor as a native alias of a standard property. */
    public PropertyDescriptor alias(String standardName) {
        return new PropertyDescriptor(name, unit, type, minimum, maximum, writable, description, standardName);
    }

    /** The name the envelope's rules are looked up by: the standard name this aliases, or the name itself. */
    public String ruleName() {
        return aliasOf.isEmpty() ? name : aliasOf;
    }

    /** A read-only property with no range. */
    public static PropertyDescriptor readOnly(String name, String unit, ValueType type, String description) {
        return new PropertyDescriptor(name, unit, type, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false,
                description);
    }

    /** Whether a number lies within this property's range. */
    public boolean inRange(double value) {
        return value >= minimum && value <= maximum;
    }
}
