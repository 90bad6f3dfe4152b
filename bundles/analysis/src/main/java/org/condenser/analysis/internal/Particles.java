package org.condenser.analysis.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.condenser.api.analysis.FrameAnalysis;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;
import org.condenser.api.data.SeriesInfo;

/**
 * Particles in an image series (frames in time, not a scan): in each frame, blobs are found by
 * smoothing with a Gaussian (scipy's {@code gaussian_filter}: reflected edges, kernel to 4σ),
 * keeping pixels above the frame's mean plus K standard deviations of the smoothed frame, and
 * joining them into 8-connected regions of at least a minimum area; each blob's position is its
 * intensity-weighted centroid in the original frame. When the series is over, blobs are linked into
 * tracks from frame to frame, nearest first, one to one, within a maximum step. The result is the
 * count per frame, with the tracks in its metadata.
 *
 * <p>The partial result is every blob found, by frame: frames are independent until linking, so
 * partials from threads or nodes merge by union.
 */
public final class Particles implements FrameAnalysis<Particles.Found> {

    /** One blob: frame, centroid (x, y) in px, area in px, summed intensity. */
    record Blob(long frame, double x, double y, int area, double intensity) {
    }

    /** Blobs by frame. */
    public static final class Found {
        final TreeMap<Long, List<Blob>> byFrame = new TreeMap<>();
    }

    private final String spec;
    private final double sigma;
    private final double k;
    private final int minArea;
    private final double maxStep;
    private final int height;
    private final int width;
    private final double[] kernel;

    /** Parses {@code particles[:SIGMA[:K[:MIN_AREA[:MAX_STEP]]]]}; answers sigma, k, min area, max step. */
    public static double[] check(String spec) {
        String[] parts = spec.strip().toLowerCase(Locale.ROOT).split(":");
        if (!parts[0].equals("particles") || parts.length > 5) {
            throw new IllegalArgumentException("'" + spec + "' is not particles[:SIGMA[:K[:MIN_AREA[:MAX_STEP]]]]");
        }
        double[] values = { 1.5, 3, 4, 5 };
        for (int i = 1; i < parts.length; i++) {
            try {
                values[i - 1] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + spec + "': '" + parts[i] + "' is not a number");
            }
            if (!(values[i - 1] > 0)) {
                throw new IllegalArgumentException("'" + spec + "': " + new String[] { "SIGMA", "K", "MIN_AREA",
                        "MAX_STEP" }[i - 1] + " must be positive, not " + parts[i]);
            }
        }
        return values;
    }

    public static Particles of(String spec, SeriesInfo series) {
        double[] values = check(spec);
        int[] shape = series.frameShape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("particles need 2-D images; series " + series.seriesId() + " has frames of "
                    + shape.length + " dimensions");
        }
        return new Particles(spec.strip(), values[0], values[1], (int) Math.ceil(values[2]), values[3], shape[0], shape[1]);
    }

    private Particles(String spec, double sigma, double k, int minArea, double maxStep, int height, int width) {
        this.spec = spec;
        this.sigma = sigma;
        this.k = k;
        this.minArea = minArea;
        this.maxStep = maxStep;
        this.height = height;
        this.width = width;
        int radius = (int) (4 * sigma + 0.5);
        kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
    }

    @Override
    public String name() {
        return "particles per frame";
    }

    @Override
    public Found newPartial() {
        return new Found();
    }

    @Override
    public void map(Frame frame, Found partial) {
        int[] shape = frame.header().shape();
        if (shape.length != 2 || shape[0] != height || shape[1] != width) {
            throw new IllegalArgumentException("frame " + frame.header().frameIndex() + " is " + Arrays.toString(shape)
                    + ", the series' images are [" + height + ", " + width + "]");
        }
        Pixels pixels = Pixels.of(frame);
        double[] image = new double[height * width];
        for (int i = 0; i < image.length; i++) {
            image[i] = pixels.get(i);
        }
        partial.byFrame.put(frame.header().frameIndex(), blobs(frame.header().frameIndex(), image));
    }

    /** The blobs of one frame. */
    List<Blob> blobs(long index, double[] image) {
        double[] smooth = smooth(image);
        double mean = Arrays.stream(smooth).average().orElse(0);
        double variance = Arrays.stream(smooth).map(v -> (v - mean) * (v - mean)).average().orElse(0);
        double threshold = mean + k * Math.sqrt(variance);
        int[] label = new int[image.length];
        List<Blob> blobs = new ArrayList<>();
        int[] stack = new int[image.length];
        int next = 0;
        for (int start = 0; start < image.length; start++) {
            if (smooth[start] <= threshold || label[start] != 0) {
                continue;
            }
            next++;
            int top = 0;
            stack[top++] = start;
            label[start] = next;
            int area = 0;
            double total = 0;
            double sx = 0;
            double sy = 0;
            while (top > 0) {
                int p = stack[--top];
                int y = p / width;
                int x = p % width;
                area++;
                total += image[p];
                sx += image[p] * x;
                sy += image[p] * y;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int ny = y + dy;
                        int nx = x + dx;
                        if (ny >= 0 && ny < height && nx >= 0 && nx < width) {
                            int q = ny * width + nx;
                            if (label[q] == 0 && smooth[q] > threshold) {
                                label[q] = next;
                                stack[top++] = q;
                            }
                        }
                    }
                }
            }
            if (area >= minArea && total > 0) {
                blobs.add(new Blob(index, sx / total, sy / total, area, total));
            }
        }
        return blobs;
    }

    /** Separable Gaussian with reflected edges (scipy's 'reflect': d c b a | a b c d | d c b a). */
    private double[] smooth(double[] image) {
        int radius = kernel.length / 2;
        double[] rows = new double[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int i = -radius; i <= radius; i++) {
                    sum += kernel[i + radius] * image[y * width + reflect(x + i, width)];
                }
                rows[y * width + x] = sum;
            }
        }
        double[] out = new double[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int i = -radius; i <= radius; i++) {
                    sum += kernel[i + radius] * rows[reflect(y + i, height) * width + x];
                }
                out[y * width + x] = sum;
            }
        }
        return out;
    }

    private static int reflect(int i, int n) {
        int period = 2 * n;
        int m = ((i % period) + period) % period;
        return m < n ? m : period - 1 - m;
    }

    @Override
    public void merge(Found into, Found from) {
        from.byFrame.forEach((frame, blobs) -> into.byFrame.merge(frame, blobs, (a, b) -> {
            throw new IllegalArgumentException("frame " + frame + " was analysed twice");
        }));
    }

    @Override
    public byte[] toBytes(Found partial) {
        int blobs = partial.byFrame.values().stream().mapToInt(List::size).sum();
        ByteBuffer out = ByteBuffer.allocate(4 + partial.byFrame.size() * 12 + blobs * 28).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(partial.byFrame.size());
        partial.byFrame.forEach((frame, found) -> {
            out.putLong(frame).putInt(found.size());
            for (Blob blob : found) {
                out.putDouble(blob.x()).putDouble(blob.y()).putInt(blob.area()).putDouble(blob.intensity());
            }
        });
        return out.array();
    }

    @Override
    public Found fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Found found = new Found();
        try {
            for (int frames = in.getInt(); frames > 0; frames--) {
                long frame = in.getLong();
                List<Blob> blobs = new ArrayList<>();
                for (int n = in.getInt(); n > 0; n--) {
                    blobs.add(new Blob(frame, in.getDouble(), in.getDouble(), in.getInt(), in.getDouble()));
                }
                found.byFrame.put(frame, blobs);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("a partial particle list cut short at byte " + in.position());
        }
        return found;
    }

    /** Tracks: blobs linked frame to frame, nearest pairs first, one to one, within the maximum step. */
    List<List<Blob>> tracks(Found found) {
        List<List<Blob>> tracks = new ArrayList<>();
        List<List<Blob>> open = new ArrayList<>();
        for (List<Blob> blobs : found.byFrame.values()) {
            record Pair(int track, int blob, double distance) {
            }
            List<Pair> pairs = new ArrayList<>();
            for (int t = 0; t < open.size(); t++) {
                Blob last = open.get(t).get(open.get(t).size() - 1);
                for (int b = 0; b < blobs.size(); b++) {
                    double d = Math.hypot(blobs.get(b).x() - last.x(), blobs.get(b).y() - last.y());
                    if (d <= maxStep) {
                        pairs.add(new Pair(t, b, d));
                    }
                }
            }
            pairs.sort(Comparator.comparingDouble(Pair::distance));
            boolean[] trackTaken = new boolean[open.size()];
            boolean[] blobTaken = new boolean[blobs.size()];
            List<List<Blob>> stillOpen = new ArrayList<>();
            for (Pair pair : pairs) {
                if (!trackTaken[pair.track()] && !blobTaken[pair.blob()]) {
                    trackTaken[pair.track()] = true;
                    blobTaken[pair.blob()] = true;
                    open.get(pair.track()).add(blobs.get(pair.blob()));
                    stillOpen.add(open.get(pair.track()));
                }
            }
            for (int b = 0; b < blobs.size(); b++) {
                if (!blobTaken[b]) {
                    List<Blob> track = new ArrayList<>(List.of(blobs.get(b)));
                    tracks.add(track);
                    stillOpen.add(track);
                }
            }
            open = stillOpen;
        }
        return tracks;
    }

    @Override
    public DataArray result(Found merged) {
        long frames = merged.byFrame.isEmpty() ? 0 : merged.byFrame.lastKey() + 1;
        float[] counts = new float[(int) Math.max(frames, 1)];
        merged.byFrame.forEach((frame, blobs) -> counts[frame.intValue()] = blobs.size());
        List<List<Blob>> tracks = tracks(merged);
        List<Long> lengths = tracks.stream().map(track -> (long) track.size()).toList();
        return DataArray.ofFloats(name(), counts, "particles", List.of(new Axis("frame", "", 0, 1, counts.length)),
                Map.of("analysis", spec, "tracks", (long) tracks.size(), "track_lengths", lengths,
                        "blobs", merged.byFrame.values().stream().mapToLong(List::size).sum()));
    }
}
