package org.condenser.api.data;

import java.util.Objects;

/**
 * One calibrated axis of an array: coordinate of index {@code i} is {@code offset + i * step}.
 *
 * @param name what runs along it, such as {@code y}, {@code x}, {@code energy loss}, {@code ky}
 * @param unit SI unit symbol of the coordinate (m, eV, rad, s); empty for a plain index
 * @param offset coordinate of index 0
 * @param step coordinate increment per index
 * @param size number of samples along it
 */
public record Axis(String name, String unit, double offset, double step, int size) {

    public Axis {
        Objects.requireNonNull(name, "name");
        unit = unit == null ? "" : unit;
        if (size <= 0) {
            throw new IllegalArgumentException("axis " + name + " has size " + size + "; it must be positive");
        }
        if (!Double.isFinite(offset) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("axis " + name + " has a non-finite offset or step");
        }
    }

    /** The coordinate of an index along this axis. */
    public double coordinate(int index) {
        return offset + index * step;
    }
}
