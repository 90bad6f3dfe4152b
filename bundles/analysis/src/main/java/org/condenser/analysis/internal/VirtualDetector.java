package org.condenser.analysis.internal;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
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
 * A virtual detector over 4D-STEM frames: each frame's pixels inside an annulus around the frame's
 * centre (bright field: inner radius 0; ADF: an annulus outside the bright disc; the whole frame:
 * {@code sum}) or weighted by an arbitrary mask are summed into the frame's scan position. Radii are
 * fractions of half the frame's smaller edge, so one spec fits any detector. The partial result is
 * the image itself, one double per scan position; merging adds, so partials from threads or nodes
 * combine exactly.
 */
public final class VirtualDetector extends SummedAnalysis implements LinearAnalysis {

    /** An annulus spec: the detector's kind and its radii. */
    public record Annulus(String kind, double inner, double outer) {
    }

    private final String name;
    private final ScanGeometry geometry;
    /** The annulus as runs of consecutive pixels, [start, end) pairs of flat indices: read in order, not by lookup. */
    private final int[] runs;
    /** Per-pixel weights of an arbitrary mask, or null for an annulus. */
    private final float[] weights;
    private final int pixels;
    private final Map<String, Object> description;

    /**
     * @param spec {@code bf[:OUTER]}, {@code adf[:INNER[:OUTER]]}, {@code annular:INNER:OUTER} or {@code sum}
     * @throws IllegalArgumentException naming what is wrong with the spec
     */
    public static Annulus parse(String spec) {
        String[] parts = spec.strip().toLowerCase(Locale.ROOT).split(":");
        double[] radii = switch (parts[0]) {
            case "bf" -> new double[] { 0, parts.length > 1 ? number(parts[1], spec) : 0.25 };
            case "adf" -> new double[] { parts.length > 1 ? number(parts[1], spec) : 0.5,
                    parts.length > 2 ? number(parts[2], spec) : 1.0 };
            case "annular" -> {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("'" + spec + "': annular takes annular:INNER:OUTER");
                }
                yield new double[] { number(parts[1], spec), number(parts[2], spec) };
            }
            case "sum" -> new double[] { 0, Double.POSITIVE_INFINITY };
            default -> throw new IllegalArgumentException("'" + spec + "' is not a virtual detector (bf, adf, "
                    + "annular:INNER:OUTER or sum)");
        };
        if (!(radii[0] >= 0) || !(radii[1] > radii[0])) {
            throw new IllegalArgumentException("'" + spec + "': radii must satisfy 0 <= inner < outer");
        }
        return new Annulus(parts[0], radii[0], radii[1]);
    }

    /** The annulus {@code spec} describes, sized for a series. */
    public static VirtualDetector annulus(String spec, SeriesInfo series) {
        Annulus annulus = parse(spec);
        boolean whole = annulus.kind().equals("sum");
        // the sum image takes frames of any rank (a spectrum image's sum image too); an annulus needs 2-D frames
        ScanGeometry geometry = whole ? ScanGeometry.of(series, "a sum image")
                : ScanGeometry.ofImages(series, "a virtual detector");
        String name = whole ? "sum"
                : String.format(Locale.ROOT, "%s %.2f-%.2f", annulus.kind(), annulus.inner(), annulus.outer());
        int[] runs = whole ? new int[] { 0, geometry.framePixels() } : runs(geometry, annulus.inner(), annulus.outer());
        return new VirtualDetector(name, geometry, runs, null,
                Map.of("inner_fraction", annulus.inner(), "outer_fraction",
                        Double.isInfinite(annulus.outer()) ? -1.0 : annulus.outer()));
    }

    /** A detector weighting each pixel by {@code weights} (one per frame pixel, row-major; 0 leaves a pixel out). */
    public static VirtualDetector mask(String name, float[] weights, SeriesInfo series) {
        ScanGeometry geometry = ScanGeometry.ofImages(series, "a virtual detector");
        if (weights.length != geometry.framePixels()) {
            throw new IllegalArgumentException("a mask of " + weights.length + " pixels for " + geometry.frameHeight()
                    + "x" + geometry.frameWidth() + " frames");
        }
        return new VirtualDetector(name, geometry, null, weights.clone(), Map.of("mask", name));
    }

    private VirtualDetector(String name, ScanGeometry geometry, int[] runs, float[] weights,
            Map<String, Object> description) {
        this.name = name;
        this.geometry = geometry;
        this.runs = runs;
        this.weights = weights;
        this.description = description;
        int count = 0;
        if (runs != null) {
            for (int r = 0; r < runs.length; r += 2) {
                count += runs[r + 1] - runs[r];
            }
        } else {
            for (float w : weights) {
                count += w != 0 ? 1 : 0;
            }
        }
        this.pixels = count;
    }

    private static int[] runs(ScanGeometry geometry, double inner, double outer) {
        int height = geometry.frameHeight();
        int width = geometry.frameWidth();
        double cy = (height - 1) / 2.0;
        double cx = (width - 1) / 2.0;
        double half = Math.min(height, width) / 2.0;
        List<Integer> bounds = new ArrayList<>();
        for (int y = 0; y < height; y++) {
            boolean in = false;
            for (int x = 0; x <= width; x++) {
                double r = x < width ? Math.hypot(y - cy, x - cx) / half : Double.NaN;
                boolean inside = r >= inner && r < outer;
                if (inside != in) {
                    bounds.add(y * width + x);
                    in = inside;
                }
            }
        }
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    int sums() {
        return geometry.positions();
    }

    @Override
    public String name() {
        return "virtual " + name;
    }

    /** Pixels the detector sees. */
    public int pixels() {
        return pixels;
    }


    /** The detector as one weight vector: its mask, or 1 inside the annulus. */
    @Override
    public LinearForm form() {
        float[] vector = weights != null ? weights.clone() : new float[geometry.framePixels()];
        if (weights == null) {
            for (int r = 0; r < runs.length; r += 2) {
                java.util.Arrays.fill(vector, runs[r], runs[r + 1], 1f);
            }
        }
        return new LinearForm(geometry.dtype(), geometry.framePixels(), 1, vector, geometry.positions());
    }

    @Override
    public int position(Frame frame) {
        return geometry.position(frame);
    }

    @Override
    public void map(Frame frame, double[] partial) {
        int position = geometry.position(frame);
        partial[position] += runs != null ? sumRuns(frame) : weighted(frame);
    }

    private double weighted(Frame frame) {
        Pixels values = Pixels.of(frame);
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] != 0) {
                sum += weights[i] * values.get(i);
            }
        }
        return sum;
    }

    private double sumRuns(Frame frame) {
        ByteBuffer payload = frame.payload();
        switch (frame.header().dtype()) {
            case UINT8 -> {
                long total = 0;
                for (int r = 0; r < runs.length; r += 2) {
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        total += payload.get(i) & 0xFF;
                    }
                }
                return total;
            }
            case UINT16 -> {
                ShortBuffer values = payload.asShortBuffer();
                long total = 0;
                for (int r = 0; r < runs.length; r += 2) {
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        total += values.get(i) & 0xFFFF;
                    }
                }
                return total;
            }
            case UINT32 -> {
                IntBuffer values = payload.asIntBuffer();
                long total = 0;
                for (int r = 0; r < runs.length; r += 2) {
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        total += values.get(i) & 0xFFFF_FFFFL;
                    }
                }
                return total;
            }
            case FLOAT32 -> {
                FloatBuffer values = payload.asFloatBuffer();
                double total = 0;
                for (int r = 0; r < runs.length; r += 2) {
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        total += values.get(i);
                    }
                }
                return total;
            }
            default -> {
                Pixels values = Pixels.of(frame);
                double total = 0;
                for (int r = 0; r < runs.length; r += 2) {
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        total += values.get(i);
                    }
                }
                return total;
            }
        }
    }




    /** The image, calibrated in scan pixels, with what made it in its metadata. */
    @Override
    public DataArray result(double[] merged) {
        float[] values = floats(merged);
        Map<String, Object> metadata = new java.util.LinkedHashMap<>(description);
        metadata.put("series", geometry.seriesId());
        metadata.put("mask_pixels", pixels);
        return DataArray.ofFloats(name(), values, "counts", List.of(new Axis("scan y", "px", 0, 1, geometry.scanHeight()),
                new Axis("scan x", "px", 0, 1, geometry.scanWidth())), metadata);
    }

    private static double number(String text, String spec) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': '" + text + "' is not a number");
        }
    }
}
