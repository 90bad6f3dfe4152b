package org.condenser.analysis.cuda.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.condenser.analysis.internal.AnalysisService;
import org.condenser.api.analysis.ElectronCounting;
import org.condenser.api.analysis.FrameAnalysis;
import org.condenser.api.data.DType;
import org.condenser.api.data.Frame;
import org.condenser.api.data.SeriesInfo;
import org.condenser.driver.daq.internal.ncem.ElectronCounter;
import org.condenser.testing.HeapFrame;
import org.condenser.testing.SparseFrames;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test (README, "Benchmarks"): on the GPU against one CPU thread in the same run,
 * a virtual ADF and a centre of mass over 128×128 uint16 frames (frames/s, including the copies to
 * the device), and electron counting of 576×576 frames. Skipped where no GPU opens. Run by name.
 */
class GpuBenchmark {

    private static final int ROUNDS = 3;

    @Test
    void gpuVersusOneCpuThread() throws Exception {
        CudaDevice device;
        try {
            device = CudaDevice.open();
        } catch (CudaUnavailable e) {
            System.out.println("GPU benchmark SKIPPED: " + e.getMessage());
            Assumptions.abort(e.getMessage());
            return;
        }
        try (device) {
            System.out.println("GPU: " + device.describe());
            CudaBackend gpu = new CudaBackend(device);
            int size = 128;
            int scan = 128;
            List<ByteBuffer> distinct = SparseFrames.make(64, size, 9);
            Frame[] frames = new Frame[scan * scan];
            for (int i = 0; i < frames.length; i++) {
                ByteBuffer direct = ByteBuffer.allocateDirect(size * size * 2).order(ByteOrder.LITTLE_ENDIAN);
                direct.put(distinct.get(i % distinct.size()).duplicate()).clear();
                frames[i] = HeapFrame.uint16("bench", i, new int[] { size, size }, direct);
            }
            SeriesInfo series = new SeriesInfo("bench", frames.length, new int[] { scan, scan }, DType.UINT16,
                    new int[] { size, size }, Map.of());
            AnalysisService analyses = new AnalysisService();
            for (String spec : new String[] { "adf:0.5:1.0", "com" }) {
                FrameAnalysis<?> cpu = analyses.create(spec, series);
                double cpuRate = rate(cpu, frames);
                double gpuRate = rate(gpu.offload(cpu).orElseThrow(), frames);
                System.out.printf(Locale.ROOT, "%s, %d frames of %dx%d uint16: GPU %.0f frames/s (%.2f GB/s), one CPU "
                        + "thread %.0f frames/s; ratio %.1f%n", spec, frames.length, size, size, gpuRate,
                        gpuRate * size * size * 2 / 1e9, cpuRate, gpuRate / cpuRate);
            }
            counting(gpu);
        }
    }

    private static <P> double rate(FrameAnalysis<P> analysis, Frame[] frames) {
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            P partial = analysis.newPartial();
            for (Frame frame : frames) {
                analysis.map(frame, partial);
            }
            analysis.result(partial);
            best = Math.max(best, frames.length / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    private static void counting(CudaBackend gpu) {
        int size = 576;
        SplittableRandom random = new SplittableRandom(4);
        float[] dark = new float[size * size];
        java.util.Arrays.fill(dark, 100);
        ByteBuffer[] frames = new ByteBuffer[200];
        for (int f = 0; f < frames.length; f++) {
            frames[f] = ByteBuffer.allocateDirect(size * size * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < size * size; i++) {
                frames[f].putShort(2 * i, (short) (100 + random.nextInt(-5, 6)));
            }
            for (int e = 0; e < 300; e++) {
                frames[f].putShort(2 * random.nextInt(size * size), (short) (150 + random.nextInt(200)));
            }
        }
        ElectronCounting cpu = ElectronCounter.withThresholds(size, size, dark, 20, 1000);
        ElectronCounting onGpu = gpu.electronCounter(size, size, dark, 20, 1000).orElseThrow();
        double cpuRate = countRate(cpu, frames);
        double gpuRate = countRate(onGpu, frames);
        System.out.printf(Locale.ROOT, "electron counting, %d frames of %dx%d: GPU %.0f frames/s, one CPU thread %.0f "
                + "frames/s; ratio %.1f%n", frames.length, size, size, gpuRate, cpuRate, gpuRate / cpuRate);
    }

    private static double countRate(ElectronCounting counter, ByteBuffer[] frames) {
        int[] events = new int[1024];
        int[] count = new int[1];
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (ByteBuffer frame : frames) {
                events = counter.count(frame, events, count);
            }
            best = Math.max(best, frames.length / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }
}
