package org.condenser.experiment.internal;

import java.util.ArrayList;
import java.util.List;

import org.condenser.api.experiment.Candidates;

/**
 * Candidates from a survey image: every {@code stride}-th pixel, positioned at its centre as fractions
 * of the field (y, x), described by the image patch around it.
 *
 * <p>A patch is pooled into 3 x 3 cells (the mean of each) and its brightest pixel, over an image
 * scaled to zero mean and unit spread; pooling keeps what varies over the patch (vacuum, an edge, a
 * bright dopant) and averages away where the patch happens to sit on the lattice. The pooled vectors
 * are embedded by principal components learned from all the candidates of this image, whitened, the
 * smallest components dropped: a linear embedding learned from the specimen itself.
 */
final class PatchFeatures {

    static final int CELLS = 3;
    private static final int RAW = CELLS * CELLS + 1;

    private PatchFeatures() {
    }

    /**
     * @param image the survey, row-major, height x width
     * @param stride candidates every this many pixels
     * @param patch the patch edge, pixels (odd)
     * @param dimensions how many embedded features to keep, at most 10
     */
    static Candidates of(float[] image, int height, int width, int stride, int patch, int dimensions) {
        if (image.length != height * width) {
            throw new IllegalArgumentException("a " + height + " x " + width + " image needs " + height * width
                    + " pixels, not " + image.length);
        }
        double[] normal = normalised(image);
        List<double[]> positions = new ArrayList<>();
        List<double[]> pooled = new ArrayList<>();
        int first = (stride - 1) / 2;
        for (int row = first; row < height; row += stride) {
            for (int column = first; column < width; column += stride) {
                positions.add(new double[] { (row + 0.5) / height, (column + 0.5) / width });
                pooled.add(pool(normal, height, width, row, column, patch));
            }
        }
        return new Candidates(positions, embed(pooled, Math.min(dimensions, RAW)));
    }

    /** How many candidates lie along an edge of this many pixels. */
    static int perEdge(int pixels, int stride) {
        int first = (stride - 1) / 2;
        return (pixels - first + stride - 1) / stride;
    }

    private static double[] normalised(float[] image) {
        double sum = 0;
        for (float v : image) {
            sum += v;
        }
        double mean = sum / image.length;
        double spread = 0;
        for (float v : image) {
            spread += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(spread / image.length);
        double[] out = new double[image.length];
        for (int i = 0; i < image.length; i++) {
            out[i] = sd > 0 && Double.isFinite(image[i]) ? (image[i] - mean) / sd : 0;
        }
        return out;
    }

    /** The 3 x 3 cell means and the maximum of the patch centred on (row, column), clamped at the image's edges. */
    private static double[] pool(double[] image, int height, int width, int row, int column, int patch) {
        double[] sums = new double[CELLS * CELLS];
        int[] counts = new int[CELLS * CELLS];
        double max = Double.NEGATIVE_INFINITY;
        int half = patch / 2;
        for (int dy = -half; dy <= half; dy++) {
            int y = Math.min(height - 1, Math.max(0, row + dy));
            int cy = (dy + half) * CELLS / patch;
            for (int dx = -half; dx <= half; dx++) {
                int x = Math.min(width - 1, Math.max(0, column + dx));
                int cx = (dx + half) * CELLS / patch;
                double v = image[y * width + x];
                sums[cy * CELLS + cx] += v;
                counts[cy * CELLS + cx]++;
                max = Math.max(max, v);
            }
        }
        double[] out = new double[RAW];
        for (int k = 0; k < sums.length; k++) {
            out[k] = sums[k] / counts[k];
        }
        out[RAW - 1] = max;
        return out;
    }

    /** Principal components of the rows, whitened, the first {@code keep}. */
    static List<double[]> embed(List<double[]> rows, int keep) {
        int n = rows.size();
        int d = rows.get(0).length;
        double[] mean = new double[d];
        for (double[] r : rows) {
            for (int k = 0; k < d; k++) {
                mean[k] += r[k] / n;
            }
        }
        double[][] covariance = new double[d][d];
        for (double[] r : rows) {
            for (int i = 0; i < d; i++) {
                double a = r[i] - mean[i];
                for (int j = 0; j <= i; j++) {
                    covariance[i][j] += a * (r[j] - mean[j]) / n;
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                covariance[j][i] = covariance[i][j];
            }
        }
        SymmetricEigen eigen = new SymmetricEigen(covariance);
        List<double[]> out = new ArrayList<>(n);
        for (double[] r : rows) {
            double[] e = new double[keep];
            for (int k = 0; k < keep; k++) {
                double value = eigen.values[k];
                if (!(value > 1e-12)) {
                    continue; // a direction the image never varies along tells nothing
                }
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += (r[i] - mean[i]) * eigen.vectors[k][i];
                }
                e[k] = s / Math.sqrt(value);
            }
            out.add(e);
        }
        return out;
    }
}
