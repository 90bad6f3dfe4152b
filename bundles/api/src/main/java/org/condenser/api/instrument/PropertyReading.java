package org.condenser.api.instrument;

/**
 * One property's reading with the descriptor that says what it is (unit, range, writability).
 *
 * @param descriptor the property
 * @param result what the instrument answered
 */
public record PropertyReading(PropertyDescriptor descriptor, ReadResult result) {
}
