package org.condenser.api.instrument;

/**
 * How a camera exposes (Swift's {@code exposure_ms} and {@code binning}, in seconds).
 *
 * @param exposure exposure time, s
 * @param binning pixels summed along each edge, 1 or more
 */
public record CameraParameters(double exposure, int binning) {

    public CameraParameters {
        if (!(exposure > 0) || !Double.isFinite(exposure)) {
            throw new IllegalArgumentException("exposure " + exposure + " s must be positive and finite");
        }
        if (binning < 1) {
            throw new IllegalArgumentException("binning " + binning + " must be 1 or more");
        }
    }
}
