package org.condenser.emd.internal;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (README, "Benchmarks"): EMD write and read throughput of Condenser (jhdf)
 * against h5py on the same array in the same run. Prints throughputs and ratios; asserts nothing
 * about time. Run by name only.
 */
class EmdBenchmark {

    private static final int SCAN = 32;
    private static final int DETECTOR = 128;
    private static final int ROUNDS = 3;

    @TempDir
    Path folder;

    @Test
    void emdWriteAndReadVersusH5py() throws Exception {
        int elements = SCAN * SCAN * DETECTOR * DETECTOR;
        short[] values = new short[elements];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < elements; i++) {
            values[i] = (short) random.nextInt(4096);
        }
        DataArray array = DataArray.ofUint16("4D-STEM", values, "counts", List.of(new Axis("scan y", "m", 0, 1e-10, SCAN),
                new Axis("scan x", "m", 0, 1e-10, SCAN), new Axis("ky", "px", 0, 1, DETECTOR),
                new Axis("kx", "px", 0, 1, DETECTOR)), Map.of());
        double megabytes = elements * 2 / 1e6;
        Path raw = folder.resolve("array.u16");
        try (FileChannel out = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.write(array.data());
        }

        EmdService emd = new EmdService();
        double[] write10 = new double[ROUNDS];
        double[] write02 = new double[ROUNDS];
        double[] readWhole = new double[ROUNDS];
        double[] readFrames = new double[ROUNDS];
        double[] h5pyWrite = new double[ROUNDS];
        double[] h5pyRead = new double[ROUNDS];
        double[] h5pyFrames = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            Path v10 = folder.resolve("v10-" + round + ".emd");
            Path v02 = folder.resolve("v02-" + round + ".emd");
            long start = System.nanoTime();
            emd.write(v10, EmdContent.of(array), EmdDialect.EMD_1_0);
            write10[round] = megabytes / ((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            emd.write(v02, EmdContent.of(array), EmdDialect.EMD_0_2);
            write02[round] = megabytes / ((System.nanoTime() - start) / 1e9);
            try (EmdFile file = emd.open(v10)) {
                EmdArray stored = file.arrays().get(0);
                start = System.nanoTime();
                file.read(stored.path());
                readWhole[round] = megabytes / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                for (int row = 0; row < SCAN; row++) {
                    file.readFrame(stored.path(), row);
                }
                readFrames[round] = megabytes / ((System.nanoTime() - start) / 1e9);
            }
            String[] h5py = EmdFilesTest.python(raw, String.format(Locale.ROOT, """
                    import sys, time, numpy, h5py
                    a = numpy.fromfile(sys.argv[1], dtype='<u2').reshape(%d, %d, %d, %d)
                    path = sys.argv[1] + '.h5'
                    t = time.perf_counter()
                    with h5py.File(path, 'w') as f:
                        f.create_dataset('data', data=a)
                    w = time.perf_counter() - t
                    t = time.perf_counter()
                    with h5py.File(path, 'r') as f:
                        b = f['data'][()]
                    r = time.perf_counter() - t
                    t = time.perf_counter()
                    with h5py.File(path, 'r') as f:
                        for row in range(%d):
                            c = f['data'][row]
                    fr = time.perf_counter() - t
                    print(w, r, fr)
                    """, SCAN, SCAN, DETECTOR, DETECTOR, SCAN)).strip().split("\\s+");
            h5pyWrite[round] = megabytes / Double.parseDouble(h5py[0]);
            h5pyRead[round] = megabytes / Double.parseDouble(h5py[1]);
            h5pyFrames[round] = megabytes / Double.parseDouble(h5py[2]);
        }
        String report = String.format(Locale.ROOT, """
                EMD write/read vs h5py: uint16 %dx%dx%dx%d (%.0f MB), median of %d rounds
                  write  Condenser EMD 1.0 %7.0f MB/s   EMD 0.2 (transposed, as HyperSpy stores) %7.0f MB/s   h5py %7.0f MB/s   ratio (1.0) %.2f
                  read whole            %7.0f MB/s   h5py %7.0f MB/s   ratio %.2f
                  read frame by frame   %7.0f MB/s   h5py %7.0f MB/s   ratio %.2f  (%d frames of %dx%dx%d)
                """, SCAN, SCAN, DETECTOR, DETECTOR, megabytes, ROUNDS, median(write10), median(write02),
                median(h5pyWrite), median(write10) / median(h5pyWrite), median(readWhole), median(h5pyRead),
                median(readWhole) / median(h5pyRead), median(readFrames), median(h5pyFrames),
                median(readFrames) / median(h5pyFrames), SCAN, SCAN, DETECTOR, DETECTOR);
        System.out.print(report);
        Path output = Path.of("target", "benchmarks");
        Files.createDirectories(output);
        Files.writeString(output.resolve("emd.txt"), report);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
