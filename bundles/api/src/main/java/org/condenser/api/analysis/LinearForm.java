package org.condenser.api.analysis;

import org.condenser.api.data.DType;

/**
 * What a linear analysis does to each frame, as numbers any backend can run: either each frame's
 * pixels weighted by {@code maps} fixed weight vectors, summed into its scan position's slots
 * ({@code partial[position * maps + k] += Σ weights[k * framePixels + i] · pixel[i]}: virtual
 * detectors, sum images, centre of mass), or, when {@code weights} is null, each pixel added into its
 * own slot over all frames ({@code partial[i] += pixel[i]}: sum patterns and sum spectra).
 *
 * @param dtype the series' pixel type
 * @param framePixels pixels per frame
 * @param maps weight vectors (for accumulation: {@code framePixels})
 * @param weights {@code maps × framePixels} weights, row-major by map; null for accumulation
 * @param positions scan positions (for accumulation: 1)
 */
public record LinearForm(DType dtype, int framePixels, int maps, float[] weights, int positions) {

    public LinearForm {
        if (framePixels <= 0 || maps <= 0 || positions <= 0) {
            throw new IllegalArgumentException("a linear form needs pixels, maps and positions, not " + framePixels + ", "
                    + maps + ", " + positions);
        }
        if (weights == null ? maps != framePixels || positions != 1 : weights.length != (long) maps * framePixels) {
            throw new IllegalArgumentException(weights == null ? "an accumulation has one slot per pixel and one position"
                    : weights.length + " weights for " + maps + " maps of " + framePixels + " pixels");
        }
    }

    /** Whether each pixel accumulates into its own slot, rather than being weighted into a position's sums. */
    public boolean accumulates() {
        return weights == null;
    }

    /** Slots in a partial result. */
    public int slots() {
        return accumulates() ? framePixels : maps * positions;
    }
}
