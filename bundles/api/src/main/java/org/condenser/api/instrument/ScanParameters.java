package org.condenser.api.instrument;

/**
 * How a STEM scan runs: the frame in pixels, the field of view, the dwell time per pixel and the
 * scan rotation. Named after Swift's frame parameters ({@code size}, {@code fov_nm},
 * {@code pixel_time_us}, {@code rotation_rad}) but in SI units.
 *
 * @param height pixels along y (slow scan)
 * @param width pixels along x (fast scan)
 * @param fieldOfView width of the scanned field, m
 * @param pixelTime dwell time per pixel, s
 * @param rotation scan rotation, rad
 */
public record ScanParameters(int height, int width, double fieldOfView, double pixelTime, double rotation) {

    /** The largest frame edge accepted; larger frames are refused rather than exhausting memory. */
    public static final int MAX_PIXELS_PER_EDGE = 16384;

    public ScanParameters {
        if (height < 1 || width < 1 || height > MAX_PIXELS_PER_EDGE || width > MAX_PIXELS_PER_EDGE) {
            throw new IllegalArgumentException("scan size " + height + "x" + width + " must lie within 1.."
                    + MAX_PIXELS_PER_EDGE + " on each edge");
        }
        if (!(fieldOfView > 0) || !Double.isFinite(fieldOfView)) {
            throw new IllegalArgumentException("field of view " + fieldOfView + " m must be positive and finite");
        }
        if (!(pixelTime > 0) || !Double.isFinite(pixelTime)) {
            throw new IllegalArgumentException("pixel time " + pixelTime + " s must be positive and finite");
        }
        if (!Double.isFinite(rotation)) {
            throw new IllegalArgumentException("scan rotation " + rotation + " rad must be finite");
        }
    }

    /** Size of one pixel, m (pixels are square: the field of view spans the width). */
    public double pixelSize() {
        return fieldOfView / width;
    }

    /** Time the beam spends on the frame, s (flyback not counted). */
    public double frameTime() {
        return (double) height * width * pixelTime;
    }
}
