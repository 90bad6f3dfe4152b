package org.condenser.dataplane.internal.reduce;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.condenser.api.analysis.Reduction;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.SeriesInfo;

/**
 * A virtual detector over 4D-STEM frames: each frame's pixels inside an annulus around the frame's
 * centre are summed into the scan position the frame belongs to (bright field: inner radius 0; ADF:
 * an annulus outside the bright disc; the whole frame: {@code sum}). Radii are fractions of half
 * the frame's smaller edge, so one spec fits any detector. The partial result is the image itself,
 * one double per scan position; merging adds, so partials from threads or nodes combine exactly.
 */
public final class VirtualDetector implements Reduction<double[]> {

    private final String name;
    private final int frameHeight;
    private final int frameWidth;
    private final int[] scanShape;
    /** The mask as runs of consecutive pixels, [start, end) pairs of flat indices: read in order, not by lookup. */
    private final int[] runs;
    private final int pixels;
    private final double inner;
    private final double outer;

    /** A parsed spec: the detector's kind and its radii. */
    public record Spec(String kind, double inner, double outer) {
    }

    /**
     * @param spec {@code bf[:outer]}, {@code adf[:inner[:outer]]}, {@code annular:inner:outer} or {@code sum}
     * @throws IllegalArgumentException naming what is wrong with the spec
     */
    public static Spec parse(String spec) {
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
        return new Spec(parts[0], radii[0], radii[1]);
    }

    /**
     * The detector {@code spec} describes, sized for a series.
     *
     * @throws IllegalArgumentException naming what is wrong with the spec or the series
     */
    public static VirtualDetector of(String spec, SeriesInfo series) {
        Spec parsed = parse(spec);
        int[] scan = series.scanShape();
        if (scan.length != 2) {
            throw new IllegalArgumentException("series " + series.seriesId() + " is not a scan: a virtual image needs the "
                    + "scan's shape");
        }
        int[] frame = series.frameShape();
        return new VirtualDetector(parsed.kind(), frame[0], frame[1], scan, parsed.inner(), parsed.outer());
    }

    private VirtualDetector(String kind, int frameHeight, int frameWidth, int[] scanShape, double inner, double outer) {
        this.frameHeight = frameHeight;
        this.frameWidth = frameWidth;
        this.scanShape = scanShape.clone();
        this.inner = inner;
        this.outer = outer;
        this.name = kind.equals("sum") ? "sum"
                : String.format(Locale.ROOT, "%s %.2f-%.2f", kind, inner, outer);
        double cy = (frameHeight - 1) / 2.0;
        double cx = (frameWidth - 1) / 2.0;
        double half = Math.min(frameHeight, frameWidth) / 2.0;
        List<Integer> bounds = new ArrayList<>();
        int count = 0;
        for (int y = 0; y < frameHeight; y++) {
            boolean in = false;
            for (int x = 0; x <= frameWidth; x++) {
                double r = x < frameWidth ? Math.hypot(y - cy, x - cx) / half : Double.NaN;
                boolean inside = r >= inner && r < outer;
                if (inside != in) {
                    bounds.add(y * frameWidth + x);
                    in = inside;
                }
                count += inside ? 1 : 0;
            }
        }
        this.runs = bounds.stream().mapToInt(Integer::intValue).toArray();
        this.pixels = count;
    }

    @Override
    public String name() {
        return "virtual " + name;
    }

    /** Pixels in the detector's mask. */
    public int pixels() {
        return pixels;
    }

    @Override
    public double[] newPartial() {
        return new double[scanShape[0] * scanShape[1]];
    }

    @Override
    public void map(Frame frame, double[] partial) {
        FrameHeader header = frame.header();
        int[] shape = header.shape();
        if (shape.length != 2 || shape[0] != frameHeight || shape[1] != frameWidth) {
            throw new IllegalArgumentException("frame " + header.frameIndex() + " is " + java.util.Arrays.toString(shape)
                    + ", the series' frames are [" + frameHeight + ", " + frameWidth + "]");
        }
        long index = header.frameIndex();
        if (index >= partial.length) {
            throw new IllegalArgumentException("frame " + index + " lies outside the " + scanShape[0] + "x" + scanShape[1]
                    + " scan");
        }
        ByteBuffer payload = frame.payload();
        double sum = 0;
        switch (header.dtype()) {
            case UINT8 -> {
                long total = 0;
                for (int r = 0; r < runs.length; r += 2) {
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        total += payload.get(i) & 0xFF;
                    }
                }
                sum = total;
            }
            case UINT16 -> {
                ShortBuffer values = payload.asShortBuffer();
                long total = 0;
                for (int r = 0; r < runs.length; r += 2) {
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        total += values.get(i) & 0xFFFF;
                    }
                }
                sum = total;
            }
            case UINT32 -> {
                IntBuffer values = payload.asIntBuffer();
                long total = 0;
                for (int r = 0; r < runs.length; r += 2) {
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        total += values.get(i) & 0xFFFF_FFFFL;
                    }
                }
                sum = total;
            }
            case FLOAT32 -> {
                FloatBuffer values = payload.asFloatBuffer();
                for (int r = 0; r < runs.length; r += 2) {
                    for (int i = runs[r]; i < runs[r + 1]; i++) {
                        sum += values.get(i);
                    }
                }
            }
            default -> throw new IllegalArgumentException("a virtual detector does not take " + header.dtype() + " frames");
        }
        partial[(int) index] += sum;
    }

    @Override
    public void merge(double[] into, double[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    @Override
    public byte[] toBytes(double[] partial) {
        ByteBuffer bytes = ByteBuffer.allocate(partial.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asDoubleBuffer().put(partial);
        return bytes.array();
    }

    @Override
    public double[] fromBytes(byte[] bytes) {
        double[] partial = newPartial();
        if (bytes.length != partial.length * 8) {
            throw new IllegalArgumentException("a partial image of " + bytes.length + " bytes; " + partial.length * 8
                    + " expected");
        }
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(partial);
        return partial;
    }

    /** The image, calibrated in scan pixels, with what made it in its metadata. */
    public DataArray image(double[] partial, SeriesInfo series) {
        float[] values = new float[partial.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) partial[i];
        }
        return DataArray.ofFloats(name(), values, "counts", List.of(new Axis("scan y", "px", 0, 1, scanShape[0]),
                new Axis("scan x", "px", 0, 1, scanShape[1])), Map.of("series", series.seriesId(), "inner_fraction", inner,
                        "outer_fraction", Double.isInfinite(outer) ? -1.0 : outer, "mask_pixels", pixels));
    }

    private static double number(String text, String spec) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': '" + text + "' is not a number");
        }
    }

}
