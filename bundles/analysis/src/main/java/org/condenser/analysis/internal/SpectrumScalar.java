package org.condenser.analysis.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;
import org.condenser.api.data.SeriesInfo;

/**
 * EELS scalarizers over a spectrum image (frames that are spectra, calibrated by the series' frame
 * axis): the integral of a window, the ratio of two windows' integrals, or the energy of the
 * highest channel in a window (refined between channels by the parabola through it and its two
 * neighbours). Windows are [LO, HI) in the axis' unit. The partial result keeps, per position, two
 * sums (both windows' integrals; or the peak energy and a count of 1), so partials merge by adding.
 */
public final class SpectrumScalar extends SummedAnalysis {

    private enum Kind { WINDOW, RATIO, PEAK }

    private final Kind kind;
    private final ScanGeometry geometry;
    private final Axis axis;
    private final int[] first;
    private final int[] second;
    private final String name;

    /** Parses {@code window:LO:HI}, {@code ratio:LO1:HI1:LO2:HI2} or {@code peak:LO:HI}; answers the bounds. */
    public static double[] check(String spec) {
        String[] parts = spec.strip().toLowerCase(Locale.ROOT).split(":");
        int expected = parts[0].equals("ratio") ? 5 : 3;
        if (!List.of("window", "ratio", "peak").contains(parts[0]) || parts.length != expected) {
            throw new IllegalArgumentException("'" + spec + "' is not window:LO:HI, ratio:LO1:HI1:LO2:HI2 or peak:LO:HI");
        }
        double[] bounds = new double[parts.length - 1];
        for (int i = 0; i < bounds.length; i++) {
            try {
                bounds[i] = Double.parseDouble(parts[i + 1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + spec + "': '" + parts[i + 1] + "' is not a number");
            }
        }
        for (int i = 0; i < bounds.length; i += 2) {
            if (!(bounds[i + 1] > bounds[i])) {
                throw new IllegalArgumentException("'" + spec + "': a window must run from low to high, not "
                        + bounds[i] + " to " + bounds[i + 1]);
            }
        }
        return bounds;
    }

    public static SpectrumScalar of(String spec, SeriesInfo series) {
        double[] bounds = check(spec);
        ScanGeometry geometry = ScanGeometry.of(series, "a spectrum scalar");
        if (geometry.frameShape().length != 1) {
            throw new IllegalArgumentException("a spectrum scalar needs spectra; series " + series.seriesId()
                    + " has frames of " + geometry.frameShape().length + " dimensions");
        }
        Axis axis = series.frameAxes().get(0);
        Kind kind = Kind.valueOf(spec.strip().toUpperCase(Locale.ROOT).split(":")[0]);
        int[] first = channels(axis, bounds[0], bounds[1], spec);
        int[] second = kind == Kind.RATIO ? channels(axis, bounds[2], bounds[3], spec) : null;
        return new SpectrumScalar(kind, geometry, axis, first, second, spec.strip());
    }

    /** The channels [from, to) whose energies lie in [low, high); at least one. */
    private static int[] channels(Axis axis, double low, double high, String spec) {
        int from = Integer.MAX_VALUE;
        int to = -1;
        for (int i = 0; i < axis.size(); i++) {
            double e = axis.offset() + axis.step() * i;
            if (e >= low && e < high) {
                from = Math.min(from, i);
                to = Math.max(to, i + 1);
            }
        }
        if (to < 0) {
            throw new IllegalArgumentException("'" + spec + "': no channel lies in " + low + ".." + high + " " + axis.unit()
                    + " (the spectra run from " + axis.offset() + " to " + (axis.offset() + axis.step() * (axis.size() - 1))
                    + ")");
        }
        return new int[] { from, to };
    }

    private SpectrumScalar(Kind kind, ScanGeometry geometry, Axis axis, int[] first, int[] second, String name) {
        this.kind = kind;
        this.geometry = geometry;
        this.axis = axis;
        this.first = first;
        this.second = second;
        this.name = name;
    }

    @Override
    int sums() {
        return 2 * geometry.positions();
    }

    @Override
    public String name() {
        return name;
    }


    @Override
    public void map(Frame frame, double[] partial) {
        int position = geometry.position(frame);
        Pixels counts = Pixels.of(frame);
        switch (kind) {
            case WINDOW -> partial[2 * position] += sum(counts, first);
            case RATIO -> {
                partial[2 * position] += sum(counts, first);
                partial[2 * position + 1] += sum(counts, second);
            }
            case PEAK -> {
                partial[2 * position] += peak(counts);
                partial[2 * position + 1] += 1;
            }
        }
    }

    private static double sum(Pixels counts, int[] window) {
        double total = 0;
        for (int i = window[0]; i < window[1]; i++) {
            total += counts.get(i);
        }
        return total;
    }

    private double peak(Pixels counts) {
        int best = first[0];
        for (int i = first[0]; i < first[1]; i++) {
            if (counts.get(i) > counts.get(best)) {
                best = i;
            }
        }
        double offset = 0;
        if (best > 0 && best < axis.size() - 1) {
            double left = counts.get(best - 1);
            double centre = counts.get(best);
            double right = counts.get(best + 1);
            double curvature = left - 2 * centre + right;
            offset = curvature < 0 ? 0.5 * (left - right) / curvature : 0;
        }
        return axis.offset() + axis.step() * (best + offset);
    }




    @Override
    public DataArray result(double[] merged) {
        int n = geometry.positions();
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double a = merged[2 * i];
            double b = merged[2 * i + 1];
            values[i] = (float) switch (kind) {
                case WINDOW -> a;
                case RATIO -> b != 0 ? a / b : Double.NaN;
                case PEAK -> b != 0 ? a / b : Double.NaN;
            };
        }
        String unit = switch (kind) {
            case WINDOW -> "counts";
            case RATIO -> "";
            case PEAK -> axis.unit();
        };
        return DataArray.ofFloats(name, values, unit, List.of(new Axis("scan y", "px", 0, 1, geometry.scanHeight()),
                new Axis("scan x", "px", 0, 1, geometry.scanWidth())), Map.of("series", geometry.seriesId(), "axis",
                        axis.name() + " (" + axis.unit() + ")"));
    }
}
