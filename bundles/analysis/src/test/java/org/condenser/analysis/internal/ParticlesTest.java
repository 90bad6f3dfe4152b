package org.condenser.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;
import org.condenser.api.data.SeriesInfo;
import org.condenser.testing.ExternalTools;
import org.condenser.testing.HeapFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Particles in an image series against scipy (gaussian_filter, label, center_of_mass) frame by
 * frame, and tracks against the motion the series was made with.
 */
class ParticlesTest {

    private static final int N = 64;
    private static final int FRAMES = 10;

    @TempDir
    Path folder;

    /** Five particles drifting across the field, a sixth appearing at frame 5, on noise. */
    private static List<ByteBuffer> series() {
        SplittableRandom random = new SplittableRandom(12);
        double[][] start = { { 10, 12 }, { 40, 8 }, { 25, 30 }, { 50, 45 }, { 12, 50 } };
        List<ByteBuffer> frames = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            ByteBuffer frame = ByteBuffer.allocate(N * N * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    double v = 100 + random.nextGaussian() * 5;
                    for (int p = 0; p < start.length; p++) {
                        double px = start[p][0] + 1.2 * f;
                        double py = start[p][1] + 0.6 * f * (p % 2 == 0 ? 1 : -0.5);
                        v += 400 * Math.exp(-((x - px) * (x - px) + (y - py) * (y - py)) / (2 * 1.8 * 1.8));
                    }
                    if (f >= 5) {
                        v += 400 * Math.exp(-((x - 35.0) * (x - 35.0) + (y - 55.0) * (y - 55.0)) / (2 * 1.8 * 1.8));
                    }
                    frame.putShort((y * N + x) * 2, (short) Math.round(Math.max(0, v)));
                }
            }
            frames.add(frame);
        }
        return frames;
    }

    private static Frame frame(long index, ByteBuffer pixels) {
        return HeapFrame.uint16("movie", index, new int[] { N, N }, pixels);
    }

    @Test
    void blobsEqualScipyAndTracksFollowTheMotion() throws Exception {
        SeriesInfo movie = new SeriesInfo("movie", FRAMES, null, DType.UINT16, new int[] { N, N }, Map.of());
        Particles particles = Particles.of("particles:1.5:3:4:5", movie);
        List<ByteBuffer> frames = series();
        Particles.Found even = particles.newPartial();
        Particles.Found odd = particles.newPartial();
        for (int f = 0; f < FRAMES; f++) {
            particles.map(frame(f, frames.get(f)), f % 2 == 0 ? even : odd);
        }
        particles.merge(even, particles.fromBytes(particles.toBytes(odd)));
        DataArray counts = particles.result(even);

        try (OutputStream out = Files.newOutputStream(folder.resolve("movie.u16"))) {
            for (ByteBuffer frame : frames) {
                out.write(frame.array());
            }
        }
        StringBuilder ours = new StringBuilder();
        for (var entry : even.byFrame.entrySet()) {
            List<Particles.Blob> sorted = new ArrayList<>(entry.getValue());
            sorted.sort(java.util.Comparator.comparingDouble(Particles.Blob::y).thenComparingDouble(Particles.Blob::x));
            for (Particles.Blob blob : sorted) {
                ours.append(String.format(Locale.ROOT, "%d %.4f %.4f %d%n", entry.getKey(), blob.x(), blob.y(), blob.area()));
            }
        }
        String scipy = ExternalTools.python("""
                import sys, numpy
                from scipy import ndimage
                n, path = int(sys.argv[1]), sys.argv[2]
                movie = numpy.fromfile(path, '<u2').reshape(-1, n, n).astype(numpy.float64)
                for f, image in enumerate(movie):
                    smooth = ndimage.gaussian_filter(image, 1.5, mode='reflect', truncate=4.0)
                    mask = smooth > smooth.mean() + 3 * smooth.std()
                    labels, count = ndimage.label(mask, structure=numpy.ones((3, 3)))
                    found = []
                    for label in range(1, count + 1):
                        area = int((labels == label).sum())
                        if area >= 4:
                            cy, cx = ndimage.center_of_mass(image, labels, label)
                            found.append((cy, cx, area))
                    for cy, cx, area in sorted(found):
                        print('%d %.4f %.4f %d' % (f, cx, cy, area))
                """, String.valueOf(N), folder.resolve("movie.u16").toString());
        assertEquals(scipy.strip(), ours.toString().strip(), "every blob, its centroid and its area, as scipy finds them");

        assertEquals(List.of(5.0, 5.0, 5.0, 5.0, 5.0, 6.0, 6.0, 6.0, 6.0, 6.0), box(counts));
        assertEquals(6L, counts.metadata().get("tracks"), "five particles all along, one from frame 5");
        @SuppressWarnings("unchecked")
        List<Long> lengths = (List<Long>) counts.metadata().get("track_lengths");
        assertEquals(List.of(10L, 10L, 10L, 10L, 10L, 5L), lengths.stream().sorted(java.util.Comparator.reverseOrder()).toList());
    }

    @Test
    void wrongSpecsAndImagesAreRefused() {
        assertEquals("'particles:1.5:-2': K must be positive, not -2",
                assertThrows(IllegalArgumentException.class, () -> Particles.check("particles:1.5:-2")).getMessage());
        SeriesInfo spectra = new SeriesInfo("u", 3, null, DType.UINT16, new int[] { 128 }, Map.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Particles.of("particles", spectra)).getMessage()
                .startsWith("particles need 2-D images"));
        assertEquals("a partial particle list cut short at byte 4",
                assertThrows(IllegalArgumentException.class, () -> Particles.of("particles", new SeriesInfo("m", 1, null,
                        DType.UINT16, new int[] { N, N }, Map.of())).fromBytes(new byte[] { 1, 0, 0, 0 })).getMessage());
    }

    private static List<Double> box(DataArray array) {
        List<Double> values = new ArrayList<>();
        for (double v : array.toDoubles()) {
            values.add(v);
        }
        return values;
    }
}
