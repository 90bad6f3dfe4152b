package org.condenser.api.instrument;

/**
 * A specimen stage position: x, y, z in metres, tilts alpha and beta in radians (temscript's
 * {@code x, y, z, a, b}).
 */
public record StagePosition(double x, double y, double z, double alpha, double beta) {

    public StagePosition {
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z) || !Double.isFinite(alpha)
                || !Double.isFinite(beta)) {
            throw new IllegalArgumentException("stage position " + x + ", " + y + ", " + z + ", " + alpha + ", "
                    + beta + " has a non-finite coordinate");
        }
    }
}
