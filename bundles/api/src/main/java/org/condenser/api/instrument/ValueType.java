package org.condenser.api.instrument;

import java.util.List;

/** The type of a property's value, and the Java type that carries it. */
public enum ValueType {
    DOUBLE(Double.class),
    LONG(Long.class),
    BOOLEAN(Boolean.class),
    STRING(String.class),
    /** A fixed-length tuple of numbers, such as a probe position (y, x) or a stage position. */
    VECTOR(List.class);

    private final Class<?> javaType;

    ValueType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** The Java type a value of this type arrives as: Double, Long, Boolean, String or List of Double. */
    public Class<?> javaType() {
        return javaType;
    }
}
