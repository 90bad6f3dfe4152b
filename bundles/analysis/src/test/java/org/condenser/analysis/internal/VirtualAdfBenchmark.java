package org.condenser.analysis.internal;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.condenser.api.data.DType;
import org.condenser.api.data.Frame;
import org.condenser.api.data.SeriesInfo;
import org.condenser.testing.ExternalTools;
import org.condenser.testing.HeapFrame;
import org.condenser.testing.SparseFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (README, "Benchmarks"): a virtual ADF over 128×128 uint16 frames on one CPU
 * thread against numpy's {@code tensordot} of the same frames with the same mask, in the same run
 * (goal ≥ 2×). numpy's time covers the reduction only, of the uint16 array already in memory.
 * Asserts nothing about time. Run by name.
 */
class VirtualAdfBenchmark {

    private static final int SIZE = 128;
    private static final int SCAN = 48;
    private static final int ROUNDS = 3;

    @TempDir
    Path folder;

    @Test
    void virtualAdfOnOneThreadVersusNumpyTensordot() throws Exception {
        List<ByteBuffer> distinct = SparseFrames.make(64, SIZE, 9);
        int frames = SCAN * SCAN;
        try (OutputStream out = Files.newOutputStream(folder.resolve("frames.u16"))) {
            for (int i = 0; i < frames; i++) {
                out.write(distinct.get(i % distinct.size()).array());
            }
        }
        SeriesInfo series = new SeriesInfo("bench", frames, new int[] { SCAN, SCAN }, DType.UINT16,
                new int[] { SIZE, SIZE }, Map.of());
        VirtualDetector adf = VirtualDetector.annulus("adf:0.5:1.0", series);
        // every frame in its own memory, as numpy's array holds them: not 64 frames warm in a cache
        ByteBuffer[] direct = new ByteBuffer[frames];
        for (int i = 0; i < direct.length; i++) {
            direct[i] = ByteBuffer.allocateDirect(SIZE * SIZE * 2).order(ByteOrder.LITTLE_ENDIAN);
            direct[i].put(distinct.get(i % distinct.size()).duplicate()).clear();
        }
        double best = 0;
        double checksum = 0;
        for (int round = 0; round < ROUNDS; round++) {
            double[] partial = adf.newPartial();
            long start = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                adf.map(frame(i, direct[i]), partial);
            }
            best = Math.max(best, frames / ((System.nanoTime() - start) / 1e9));
            checksum = java.util.Arrays.stream(partial).sum();
        }
        String numpy = ExternalTools.python("""
                import sys, time, numpy
                n, scan, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
                d = numpy.fromfile(path, '<u2').reshape(scan * scan, n, n)
                yy, xx = numpy.mgrid[0:n, 0:n]
                r = numpy.hypot(yy - (n - 1) / 2, xx - (n - 1) / 2) / (n / 2)
                mask = ((r >= 0.5) & (r < 1.0)).astype(numpy.float64)
                best, total = 0, 0
                for _ in range(3):
                    start = time.perf_counter()
                    image = numpy.tensordot(d, mask, axes=([1, 2], [0, 1]))
                    best = max(best, len(d) / (time.perf_counter() - start))
                    total = image.sum()
                print('%.1f %.1f' % (best, total))
                """, String.valueOf(SIZE), String.valueOf(SCAN), folder.resolve("frames.u16").toString());
        String[] figures = numpy.strip().split(" ");
        double reference = Double.parseDouble(figures[0]);
        System.out.printf(Locale.ROOT, "virtual ADF, %d frames of %dx%d uint16 (%d mask pixels): Condenser %.0f frames/s "
                + "on one thread, numpy tensordot %.0f frames/s; ratio %.1f (goal >= 2); sums %.0f and %s%n", frames, SIZE,
                SIZE, adf.pixels(), best, reference, best / reference, checksum, figures[1]);
        if (Math.abs(checksum - Double.parseDouble(figures[1])) > 1e-6 * checksum) {
            throw new AssertionError("the images differ: " + checksum + " vs " + figures[1]);
        }
    }

    private static Frame frame(long index, ByteBuffer pixels) {
        return HeapFrame.uint16("bench", index, new int[] { SIZE, SIZE }, pixels);
    }
}
