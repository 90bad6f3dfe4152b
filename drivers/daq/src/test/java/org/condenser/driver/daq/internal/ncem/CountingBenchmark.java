package org.condenser.driver.daq.internal.ncem;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.condenser.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (README, "Benchmarks"): electron counting of 576×576 4D Camera frames
 * (about 300 electrons each) in frames/s, on one thread and on every core, against the numpy/scipy
 * reference of the same algorithm on the same frames in the same run. Asserts nothing about time.
 * Run by name.
 */
class CountingBenchmark {

    private static final int SIZE = 576;
    private static final int FRAMES = 200;
    private static final int ROUNDS = 3;

    @TempDir
    Path folder;

    @Test
    void countingFramesPerSecondVersusNumpy() throws Exception {
        SyntheticCamera camera = new SyntheticCamera(SIZE, SIZE, 5);
        List<ByteBuffer> dark = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dark.add(camera.frame(0));
        }
        List<ByteBuffer> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            frames.add(camera.frame(300));
        }
        float[] reference = ElectronCounter.darkReference(SIZE, SIZE, dark);
        ElectronCounter counter = ElectronCounter.calibrate(SIZE, SIZE, reference, frames.subList(0, 20), 4, 10);
        double single = 0;
        double all = 0;
        long events = 0;
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                events = countAll(counter, frames);
                single = Math.max(single, FRAMES / ((System.nanoTime() - start) / 1e9));
                start = System.nanoTime();
                List<Future<Long>> parts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int from = t * FRAMES / threads;
                    int to = (t + 1) * FRAMES / threads;
                    parts.add(pool.submit(() -> countAll(counter, frames.subList(from, to))));
                }
                for (Future<Long> part : parts) {
                    part.get();
                }
                all = Math.max(all, FRAMES / ((System.nanoTime() - start) / 1e9));
            }
        } finally {
            pool.shutdown();
        }
        try (OutputStream out = Files.newOutputStream(folder.resolve("frames.u16"))) {
            for (ByteBuffer frame : frames) {
                out.write(frame.array());
            }
        }
        ByteBuffer darkBytes = ByteBuffer.allocate(SIZE * SIZE * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        darkBytes.asFloatBuffer().put(reference);
        Files.write(folder.resolve("dark.f32"), darkBytes.array());
        String numpy = ExternalTools.python("""
                import sys, time, numpy
                from scipy.ndimage import maximum_filter
                n, folder, bg, xr = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
                dark = numpy.fromfile(folder + '/dark.f32', '<f4').reshape(n, n)
                frames = numpy.fromfile(folder + '/frames.u16', '<u2').reshape(-1, n, n)
                best, events = 0, 0
                for _ in range(3):
                    start = time.perf_counter()
                    events = 0
                    for frame in frames:
                        d = (frame.astype(numpy.float32) - dark).astype(numpy.float64)
                        peak = maximum_filter(d, size=3, mode='constant', cval=-numpy.inf)
                        events += int(numpy.count_nonzero((d > bg) & (d < xr) & (d >= peak)))
                    best = max(best, len(frames) / (time.perf_counter() - start))
                print('%.1f %d' % (best, events))
                """, String.valueOf(SIZE), folder.toString(), String.valueOf(counter.backgroundThreshold()),
                String.valueOf(counter.xrayThreshold()));
        String[] figures = numpy.strip().split(" ");
        double reference_fps = Double.parseDouble(figures[0]);
        System.out.printf(Locale.ROOT, "electron counting, %dx%d frames, %d events in %d frames (numpy found %s): "
                + "Condenser %.0f frames/s on 1 thread (%.1fx numpy/scipy's %.0f), %.0f frames/s on %d threads%n", SIZE,
                SIZE, events, FRAMES, figures[1], single, single / reference_fps, reference_fps, all, threads);
        if (events != Long.parseLong(figures[1])) {
            throw new AssertionError("Condenser counted " + events + " events, numpy " + figures[1]);
        }
    }

    private static long countAll(ElectronCounter counter, List<ByteBuffer> frames) {
        int[] events = new int[512];
        int[] n = new int[1];
        long total = 0;
        for (ByteBuffer frame : frames) {
            events = counter.count(frame, events, n);
            total += n[0];
        }
        return total;
    }
}
