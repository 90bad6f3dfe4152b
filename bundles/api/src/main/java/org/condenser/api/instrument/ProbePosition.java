package org.condenser.api.instrument;

/**
 * Where the probe sits, as fractions of the last scan field: (0, 0) is the top-left corner, (1, 1)
 * the bottom-right (Swift's {@code probe_position}, also (y, x)).
 *
 * @param y fraction along the slow scan direction, 0..1
 * @param x fraction along the fast scan direction, 0..1
 */
public record ProbePosition(double y, double x) {

    public ProbePosition {
        if (!(y >= 0 && y <= 1) || !(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("probe position (" + y + ", " + x
                    + ") lies outside the scan field; each coordinate must be within 0..1");
        }
    }
}
