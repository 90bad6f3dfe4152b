package org.condenser.analysis.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.condenser.api.analysis.LinearAnalysis;
import org.condenser.api.analysis.LinearForm;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;
import org.condenser.api.data.SeriesInfo;

/**
 * Centre of mass of each diffraction pattern, in detector pixels from the pattern's centre, and its
 * DPC form: the shifts rotated by the scan-to-detector rotation into the scan's frame, with the
 * scan's mean shift (descan, a tilted beam) taken off. The partial result is, per scan position, the
 * total intensity and the intensity-weighted x and y sums: sums merge by adding, and the ratio is
 * taken only for the result.
 */
public final class CentreOfMass extends SummedAnalysis implements LinearAnalysis {

    private final ScanGeometry geometry;
    private final boolean dpc;
    private final double rotation;

    /**
     * @param spec {@code com}, or {@code dpc[:ROTATION_DEGREES]} (the angle from the detector's axes to the scan's)
     */
    public static CentreOfMass of(String spec, SeriesInfo series) {
        double rotation = check(spec);
        return new CentreOfMass(ScanGeometry.ofImages(series, "centre of mass"), spec.strip().startsWith("dpc"),
                rotation);
    }

    /** The rotation a spec names, in degrees; throws naming what is wrong. */
    public static double check(String spec) {
        String[] parts = spec.strip().toLowerCase(Locale.ROOT).split(":");
        if (parts[0].equals("com") && parts.length == 1) {
            return 0;
        }
        if (parts[0].equals("dpc") && parts.length <= 2) {
            try {
                double degrees = parts.length == 2 ? Double.parseDouble(parts[1]) : 0;
                if (!Double.isFinite(degrees)) {
                    throw new NumberFormatException();
                }
                return degrees;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + spec + "': the rotation '" + parts[1] + "' is not a number of "
                        + "degrees");
            }
        }
        throw new IllegalArgumentException("'" + spec + "' is not com or dpc[:ROTATION_DEGREES]");
    }

    private CentreOfMass(ScanGeometry geometry, boolean dpc, double rotationDegrees) {
        this.geometry = geometry;
        this.dpc = dpc;
        this.rotation = Math.toRadians(rotationDegrees);
    }

    @Override
    int sums() {
        return 3 * geometry.positions();
    }

    @Override
    public String name() {
        return dpc ? String.format(Locale.ROOT, "dpc %.1f deg", Math.toDegrees(rotation)) : "centre of mass";
    }


    /** Three weight vectors per frame: 1 (the total), x and y (the intensity-weighted sums). */
    @Override
    public LinearForm form() {
        int height = geometry.frameHeight();
        int width = geometry.frameWidth();
        int n = height * width;
        float[] vectors = new float[3 * n];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                vectors[y * width + x] = 1;
                vectors[n + y * width + x] = x;
                vectors[2 * n + y * width + x] = y;
            }
        }
        return new LinearForm(geometry.dtype(), n, 3, vectors, geometry.positions());
    }

    @Override
    public int position(Frame frame) {
        return geometry.position(frame);
    }

    @Override
    public void map(Frame frame, double[] partial) {
        int position = geometry.position(frame);
        Pixels pixels = Pixels.of(frame);
        int height = geometry.frameHeight();
        int width = geometry.frameWidth();
        double total = 0;
        double sumX = 0;
        double sumY = 0;
        for (int y = 0; y < height; y++) {
            double row = 0;
            double rowX = 0;
            int base = y * width;
            for (int x = 0; x < width; x++) {
                double v = pixels.get(base + x);
                row += v;
                rowX += v * x;
            }
            total += row;
            sumX += rowX;
            sumY += row * y;
        }
        partial[3 * position] += total;
        partial[3 * position + 1] += sumX;
        partial[3 * position + 2] += sumY;
    }




    /** (2, scan y, scan x): x then y, in detector pixels (DPC: in the scan's axes, descan removed). */
    @Override
    public DataArray result(double[] merged) {
        int n = geometry.positions();
        double cx = (geometry.frameWidth() - 1) / 2.0;
        double cy = (geometry.frameHeight() - 1) / 2.0;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double total = merged[3 * i];
            // a position with no counts has no centre: NaN, not a made-up zero shift
            x[i] = total > 0 ? merged[3 * i + 1] / total - cx : Double.NaN;
            y[i] = total > 0 ? merged[3 * i + 2] / total - cy : Double.NaN;
        }
        if (dpc) {
            double cos = Math.cos(rotation);
            double sin = Math.sin(rotation);
            for (int i = 0; i < n; i++) {
                double rx = cos * x[i] - sin * y[i];
                double ry = sin * x[i] + cos * y[i];
                x[i] = rx;
                y[i] = ry;
            }
            subtractMean(x);
            subtractMean(y);
        }
        float[] values = new float[2 * n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) x[i];
            values[n + i] = (float) y[i];
        }
        return DataArray.ofFloats(name(), values, "px", List.of(new Axis("component (x, y)", "", 0, 1, 2),
                new Axis("scan y", "px", 0, 1, geometry.scanHeight()), new Axis("scan x", "px", 0, 1, geometry.scanWidth())),
                Map.of("series", geometry.seriesId(), "rotation_deg", Math.toDegrees(rotation), "origin",
                        dpc ? "mean shift over the scan" : "frame centre"));
    }

    private static void subtractMean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        for (int i = 0; i < values.length; i++) {
            values[i] -= mean;
        }
    }
}
