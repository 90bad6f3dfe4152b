package org.condenser.driver.daq.internal.ncem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.condenser.api.analysis.ElectronCounting;

/**
 * Electron counting as the NCEM 4D Camera pipeline does it: subtract a dark reference, keep pixels
 * above the background threshold and below the X-ray threshold (each n·σ above the mean of the
 * dark-subtracted signal, n = 4 and 10 by default), and of those keep the local maxima (no
 * neighbour of the 8 strictly brighter): each is one electron event, recorded as its flat pixel index.
 *
 * <p>A counter is immutable once made and may be shared by threads; {@link #count} writes into a
 * caller's buffer, so counting a stream allocates nothing per frame.
 */
public final class ElectronCounter implements ElectronCounting {

    public static final double DEFAULT_BACKGROUND_SIGMA = 4;
    public static final double DEFAULT_XRAY_SIGMA = 10;

    private final int height;
    private final int width;
    private final float[] dark;
    private final double background;
    private final double xray;

    private ElectronCounter(int height, int width, float[] dark, double background, double xray) {
        this.height = height;
        this.width = width;
        this.dark = dark;
        this.background = background;
        this.xray = xray;
    }

    /** The per-pixel mean of dark frames (uint16, little-endian, height x width each). */
    public static float[] darkReference(int height, int width, Iterable<ByteBuffer> darkFrames) {
        double[] sum = new double[height * width];
        int frames = 0;
        for (ByteBuffer frame : darkFrames) {
            ByteBuffer in = checked(frame, height, width);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += in.getShort(i * 2) & 0xFFFF;
            }
            frames++;
        }
        if (frames == 0) {
            throw new IllegalArgumentException("a dark reference needs at least one dark frame");
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = (float) (sum[i] / frames);
        }
        return mean;
    }

    /**
     * A counter whose thresholds come from sample frames: the mean and σ of their dark-subtracted
     * pixels, with events clipped away (three passes at 3σ), so the thresholds describe the noise and
     * not the electrons.
     */
    public static ElectronCounter calibrate(int height, int width, float[] dark, Iterable<ByteBuffer> sampleFrames,
            double backgroundSigma, double xraySigma) {
        if (dark.length != height * width) {
            throw new IllegalArgumentException("a dark reference of " + dark.length + " pixels for " + height + "x" + width
                    + " frames");
        }
        if (!(backgroundSigma > 0) || !(xraySigma > backgroundSigma)) {
            throw new IllegalArgumentException("thresholds need 0 < background σ (" + backgroundSigma + ") < X-ray σ ("
                    + xraySigma + ")");
        }
        int frames = 0;
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.POSITIVE_INFINITY;
        double mean = 0;
        double sigma = 0;
        for (int pass = 0; pass < 4; pass++) {
            double sum = 0;
            double squares = 0;
            long n = 0;
            frames = 0;
            for (ByteBuffer frame : sampleFrames) {
                ByteBuffer in = checked(frame, height, width);
                for (int i = 0; i < dark.length; i++) {
                    double v = (in.getShort(i * 2) & 0xFFFF) - dark[i];
                    if (v >= low && v <= high) {
                        sum += v;
                        squares += v * v;
                        n++;
                    }
                }
                frames++;
            }
            if (n == 0) {
                throw new IllegalArgumentException(frames == 0 ? "calibration needs at least one sample frame"
                        : "no pixel of the sample frames lies near the noise");
            }
            mean = sum / n;
            sigma = Math.sqrt(Math.max(squares / n - mean * mean, 1e-12));
            low = mean - 3 * sigma;
            high = mean + 3 * sigma;
        }
        return new ElectronCounter(height, width, dark.clone(), mean + backgroundSigma * sigma, mean + xraySigma * sigma);
    }

    /** A counter with thresholds given in counts above the dark reference. */
    public static ElectronCounter withThresholds(int height, int width, float[] dark, double background, double xray) {
        if (dark.length != height * width) {
            throw new IllegalArgumentException("a dark reference of " + dark.length + " pixels for " + height + "x" + width
                    + " frames");
        }
        return new ElectronCounter(height, width, dark.clone(), background, xray);
    }

    public double backgroundThreshold() {
        return background;
    }

    public double xrayThreshold() {
        return xray;
    }

    /**
     * Counts one frame (uint16, little-endian): writes the events' flat pixel indices into
     * {@code events} (grown if needed and returned) and answers it with {@code count[0]} set to how
     * many there are.
     */
    @Override
    public int[] count(ByteBuffer frame, int[] events, int[] count) {
        ByteBuffer in = checked(frame, height, width);
        int n = 0;
        int[] out = events;
        for (int row = 0; row < height; row++) {
            int base = row * width;
            for (int column = 0; column < width; column++) {
                int i = base + column;
                float v = (in.getShort(i * 2) & 0xFFFF) - dark[i];
                if (v <= background || v >= xray || !localMaximum(in, row, column, v)) {
                    continue;
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, Math.max(16, out.length * 2));
                }
                out[n++] = i;
            }
        }
        count[0] = n;
        return out;
    }

    private boolean localMaximum(ByteBuffer in, int row, int column, float v) {
        for (int dy = -1; dy <= 1; dy++) {
            int r = row + dy;
            if (r < 0 || r >= height) {
                continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
                int c = column + dx;
                if ((dx == 0 && dy == 0) || c < 0 || c >= width) {
                    continue;
                }
                int j = r * width + c;
                if ((in.getShort(j * 2) & 0xFFFF) - dark[j] > v) {
                    return false;
                }
            }
        }
        return true;
    }

    private static ByteBuffer checked(ByteBuffer frame, int height, int width) {
        if (frame.remaining() != height * width * 2) {
            throw new IllegalArgumentException("a frame of " + frame.remaining() + " bytes, not " + height + "x" + width
                    + " uint16 (" + height * width * 2 + ")");
        }
        return frame.slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
