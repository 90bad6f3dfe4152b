package org.condenser.driver.sim.internal;

import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ScanParameters;

/**
 * Diffraction frames of the twin's ronchigram camera: the bright-field disk, deflected by the
 * specimen's field ({@link Signals#centreOfMassShift}), inside a faint dark-field halo centred with
 * it, with shot noise. The noise-free frame's centre of mass lies exactly at the deflected centre,
 * so a centre-of-mass analysis can be checked against the ground truth.
 */
final class DiffractionModel {

    static final int SENSOR = 64;
    /** Bright-field disk radius on the unbinned sensor, pixels (set by the convergence angle). */
    static final double DISK_RADIUS = 12;
    /** Fraction of the electrons scattered into the halo, per unit of HAADF signal. */
    private static final double HALO = 0.05;
    /** Largest 4D-STEM dataset the twin renders, bytes; larger requests are refused, not attempted. */
    static final long MAX_BYTES = 1L << 30;

    private final Twin twin;

    DiffractionModel(Twin twin) {
        this.twin = twin;
    }

    /** Where the undeflected beam lands on a binned frame, (y, x) in pixels. */
    static double centre(int binning) {
        return (SENSOR / (double) binning - 1) / 2;
    }

    /** Renders one frame's counts into {@code out} at {@code offset}. */
    void frame(double[] point, double electrons, int binning, ShotNoise noise, short[] out, int offset) {
        int size = SENSOR / binning;
        double[] shift = twin.signals.centreOfMassShift(point[0], point[1]);
        double cy = centre(binning) + shift[0] / binning;
        double cx = centre(binning) + shift[1] / binning;
        double radius = DISK_RADIUS / binning;
        double haloInner = radius * 1.5;
        double haloOuter = radius * 2.5;
        double haloElectrons = electrons * HALO * Math.min(1, twin.signals.haadf(point[0], point[1]));
        double diskElectrons = electrons - haloElectrons;
        double diskArea = Math.PI * radius * radius;
        double haloArea = Math.PI * (haloOuter * haloOuter - haloInner * haloInner);
        for (int row = 0; row < size; row++) {
            for (int column = 0; column < size; column++) {
                double disk = coverage(row - cy, column - cx, 0, radius);
                double halo = coverage(row - cy, column - cx, haloInner, haloOuter);
                double mean = diskElectrons * disk / diskArea + haloElectrons * halo / haloArea;
                out[offset + row * size + column] = (short) Math.min(65535, noise.count(mean));
            }
        }
    }

    /** Fraction of a pixel at offset (dy, dx) from a centre lying within the ring inner..outer (4x4 samples at edges). */
    private static double coverage(double dy, double dx, double inner, double outer) {
        double r = Math.hypot(dy, dx);
        if (r + 0.71 < outer && r - 0.71 > inner) {
            return 1;
        }
        if (r - 0.71 > outer || r + 0.71 < inner) {
            return 0;
        }
        int inside = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double sy = dy - 0.375 + 0.25 * i;
                double sx = dx - 0.375 + 0.25 * j;
                double sr = Math.hypot(sy, sx);
                if (sr < outer && sr >= inner) {
                    inside++;
                }
            }
        }
        return inside / 16.0;
    }

    /** A 4D-STEM scan: a frame at every scan position, (scan y, scan x, ky, kx). */
    DataArray scan(ScanParameters scan, double exposure, int binning) {
        int size = SENSOR / binning;
        long bytes = (long) scan.height() * scan.width() * size * size * 2;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("a " + scan.height() + "x" + scan.width() + " 4D-STEM scan of " + size
                    + "x" + size + " frames needs " + (bytes >> 20) + " MiB; the twin renders at most "
                    + (MAX_BYTES >> 20) + " MiB");
        }
        double dwell = Math.max(exposure, scan.pixelTime());
        double start = twin.spend(scan.height() * scan.width() * dwell);
        ShotNoise noise = new ShotNoise(twin.nextNoiseSeed());
        short[] data = new short[Math.toIntExact((long) scan.height() * scan.width() * size * size)];
        for (int row = 0; row < scan.height(); row++) {
            for (int column = 0; column < scan.width(); column++) {
                double clock = start + (row * scan.width() + column) * dwell;
                double[] point = twin.specimenPoint(scan, row, column, clock);
                frame(point, twin.electronsPerSecond(clock) * exposure, binning, noise, data,
                        (row * scan.width() + column) * size * size);
            }
        }
        twin.park(null);
        Map<String, Object> metadata = twin.metadata(start);
        metadata.put("field_of_view_m", scan.fieldOfView());
        metadata.put("exposure_s", exposure);
        metadata.put("binning", binning);
        metadata.put("scan_start_clock_s", start);
        metadata.put("dwell_time_s", dwell);
        metadata.put("convergence_angle_rad", twin.sensors.read(PropertyNames.CONVERGENCE_ANGLE, start));
        metadata.put("detector", "ronchigram");
        double pixel = scan.pixelSize();
        return DataArray.ofUint16("4D-STEM", data, "counts", List.of(new Axis("scan y", "m", 0, pixel, scan.height()),
                new Axis("scan x", "m", 0, pixel, scan.width()), new Axis("ky", "px", -centre(binning), 1, size),
                new Axis("kx", "px", -centre(binning), 1, size)), metadata);
    }
}
