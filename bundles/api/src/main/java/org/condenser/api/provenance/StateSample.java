package org.condenser.api.provenance;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded value of one instrument property.
 *
 * @param instrumentId the instrument
 * @param property the property name, standard or namespaced native
 * @param value the value as read
 * @param unit the property's unit
 * @param time when it was read
 */
public record StateSample(String instrumentId, String property, Object value, String unit, Instant time) {

    public StateSample {
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(time, "time");
        unit = unit == null ? "" : unit;
    }
}
