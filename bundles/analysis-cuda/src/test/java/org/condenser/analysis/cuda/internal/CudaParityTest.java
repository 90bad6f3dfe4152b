package org.condenser.analysis.cuda.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.condenser.analysis.internal.AnalysisService;
import org.condenser.api.analysis.ElectronCounting;
import org.condenser.api.analysis.FrameAnalysis;
import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.SeriesInfo;
import org.condenser.driver.daq.internal.ncem.ElectronCounter;
import org.condenser.testing.HeapFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GPU's results against the CPU's on the same frames. Where no GPU can be opened the parity tests
 * report themselves skipped with the reason; what must hold everywhere (a GPU opens exactly where a
 * driver and device are; the kernels are built wherever nvcc is) runs on every machine.
 */
class CudaParityTest {

    private static CudaDevice device;
    private static String unavailable;
    private final AnalysisService analyses = new AnalysisService();

    @BeforeAll
    static void open() {
        try {
            device = CudaDevice.open();
            System.err.println("CUDA parity tests run on " + device.describe());
        } catch (CudaUnavailable e) {
            unavailable = e.getMessage();
            System.err.println("CUDA parity tests SKIPPED: " + unavailable);
        }
    }

    @AfterAll
    static void close() {
        if (device != null) {
            device.close();
        }
    }

    private static CudaBackend gpu() {
        Assumptions.assumeTrue(device != null, () -> "no GPU here: " + unavailable);
        return new CudaBackend(device);
    }

    @Test
    void aGpuOpensExactlyWhereADriverAndDeviceAreAndOtherwiseSaysWhy() {
        boolean driver = Files.exists(Path.of("/dev/nvidiactl")) && Files.exists(Path.of("/dev/nvidia0"));
        if (driver) {
            assertNotNull(device, "/dev/nvidia0 is here but no GPU opened: " + unavailable);
        } else {
            assertEquals(null, device);
            assertTrue(unavailable.startsWith("no NVIDIA driver here") || unavailable.contains("sees no GPU")
                    || unavailable.startsWith("this build carries no CUDA kernels"), unavailable);
        }
    }

    @Test
    void kernelsAreBuiltWhereverNvccIs() throws Exception {
        boolean nvcc = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "nvcc"))) || Files.isExecutable(Path.of("/usr/local/cuda/bin/nvcc"));
        var kernels = CudaDevice.class.getResource(CudaDevice.KERNELS);
        assertEquals(nvcc, kernels != null, "nvcc " + (nvcc ? "is" : "is not") + " here; kernels: " + kernels);
    }

    /** A disc moving with the scan over noise, as pixels of {@code dtype}. */
    private static List<Frame> scan(String series, int scanH, int scanW, int h, int w, DType dtype, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Frame> frames = new ArrayList<>();
        for (int p = 0; p < scanH * scanW; p++) {
            double dy = (p / scanW - scanH / 2.0) * 3.0 / scanH;
            double dx = (p % scanW - scanW / 2.0) * 3.0 / scanW;
            ByteBuffer pixels = ByteBuffer.allocate(h * w * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < h * w; i++) {
                double r = Math.hypot(i / w - (h - 1) / 2.0 - dy, i % w - (w - 1) / 2.0 - dx);
                double v = (r < h / 4.0 ? 180 : 6) + random.nextInt(40);
                switch (dtype) {
                    case UINT8 -> pixels.put(i, (byte) v);
                    case UINT16 -> pixels.putShort(2 * i, (short) (v * 200));
                    case INT16 -> pixels.putShort(2 * i, (short) (v - 100));
                    case UINT32 -> pixels.putInt(4 * i, (int) (v * 1e7));
                    case FLOAT32 -> pixels.putFloat(4 * i, (float) (v * 0.37));
                    default -> throw new IllegalArgumentException(dtype.toString());
                }
            }
            frames.add(new HeapFrame(new FrameHeader(series, p, null, 0, dtype, new int[] { h, w }, Codec.NONE), pixels));
        }
        return frames;
    }

    /** Even frames into one partial, odd into another sent through bytes, merged: as two workers would. */
    private static <P> DataArray run(FrameAnalysis<P> analysis, List<Frame> frames) {
        P even = analysis.newPartial();
        P odd = analysis.newPartial();
        for (int i = 0; i < frames.size(); i++) {
            analysis.map(frames.get(i), i % 2 == 0 ? even : odd);
        }
        analysis.merge(even, analysis.fromBytes(analysis.toBytes(odd)));
        return analysis.result(even);
    }

    @Test
    void linearAnalysesOnTheGpuEqualTheCpuForEveryPixelType() {
        CudaBackend gpu = gpu();
        // 36x36 positions of 40x38 frames: 1296 frames, more than one launch's batch
        for (DType dtype : new DType[] { DType.UINT16, DType.UINT8, DType.INT16, DType.UINT32, DType.FLOAT32 }) {
            SeriesInfo series = new SeriesInfo("p-" + dtype, 36 * 36, new int[] { 36, 36 }, dtype, new int[] { 40, 38 },
                    Map.of());
            List<Frame> frames = scan(series.seriesId(), 36, 36, 40, 38, dtype, 11);
            for (String spec : new String[] { "bf:0.4", "adf:0.5:0.9", "annular:0.2:0.6", "sum", "com", "dpc:30",
                    "pattern" }) {
                FrameAnalysis<?> cpu = analyses.create(spec, series);
                FrameAnalysis<?> onGpu = gpu.offload(cpu).orElseThrow();
                assertTrue(onGpu instanceof CudaLinearAnalysis, spec + " was not offloaded");
                double[] want = run(cpu, frames).toDoubles();
                double[] got = run(onGpu, frames).toDoubles();
                String what = spec + " on " + dtype;
                if (dtype == DType.FLOAT32) {
                    // sums of floats in another order: equal to float32 rounding of the result
                    for (int i = 0; i < want.length; i++) {
                        assertEquals(want[i], got[i], Math.abs(want[i]) * 1e-6 + 1e-6, what + " at " + i);
                    }
                } else {
                    // integer pixels sum exactly in double on both
                    assertArrayEquals(want, got, what);
                }
            }
        }
    }

    @Test
    void aSpectrumImagesSumImageAndSumSpectrumEqualTheCpu() {
        CudaBackend gpu = gpu();
        int scanH = 20;
        int scanW = 24;
        int channels = 2048;
        SeriesInfo series = new SeriesInfo("si", scanH * scanW, new int[] { scanH, scanW }, DType.UINT32,
                new int[] { channels }, Map.of());
        SplittableRandom random = new SplittableRandom(5);
        List<Frame> frames = new ArrayList<>();
        for (int p = 0; p < scanH * scanW; p++) {
            ByteBuffer spectrum = ByteBuffer.allocate(channels * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < channels; c++) {
                spectrum.putInt(4 * c, random.nextInt(1000) + (Math.abs(c - 700) < 20 ? 50_000 : 0));
            }
            frames.add(new HeapFrame(new FrameHeader("si", p, null, 0, DType.UINT32, new int[] { channels },
                    Codec.NONE), spectrum));
        }
        for (String spec : new String[] { "sum", "pattern" }) {
            FrameAnalysis<?> cpu = analyses.create(spec, series);
            assertArrayEquals(run(cpu, frames).toDoubles(), run(gpu.offload(cpu).orElseThrow(), frames).toDoubles(), spec);
        }
    }

    @Test
    void framesTheKernelsCannotReadAreMappedByTheCpuAndTheResultStaysExact() {
        CudaBackend gpu = gpu();
        SeriesInfo series = new SeriesInfo("mixed", 64, new int[] { 8, 8 }, DType.UINT16, new int[] { 16, 16 }, Map.of());
        List<Frame> frames = scan("mixed", 8, 8, 16, 16, DType.UINT16, 3);
        List<Frame> mixed = new ArrayList<>(frames);
        for (int i = 0; i < mixed.size(); i += 5) {
            // the same pixels, big-endian: the kernels read little-endian only
            ByteBuffer little = frames.get(i).payload();
            ByteBuffer big = ByteBuffer.allocate(little.remaining()).order(ByteOrder.BIG_ENDIAN);
            for (int p = 0; p < 256; p++) {
                big.putShort(2 * p, little.getShort(2 * p));
            }
            mixed.set(i, new HeapFrame(frames.get(i).header(), big));
        }
        FrameAnalysis<?> cpu = analyses.create("com", series);
        assertArrayEquals(run(cpu, frames).toDoubles(), run(gpu.offload(cpu).orElseThrow(), mixed).toDoubles());
    }

    @Test
    void particlesStayOnTheCpu() {
        CudaBackend gpu = gpu();
        SeriesInfo movie = new SeriesInfo("movie", 10, null, DType.UINT16, new int[] { 32, 32 }, Map.of());
        assertTrue(gpu.offload(analyses.create("particles", movie)).isEmpty());
    }

    @Test
    void electronCountingOnTheGpuFindsTheCpusEventsFrameByFrame() {
        CudaBackend gpu = gpu();
        int size = 576;
        SplittableRandom random = new SplittableRandom(9);
        float[] dark = new float[size * size];
        for (int i = 0; i < dark.length; i++) {
            dark[i] = 100 + random.nextInt(8) + 0.25f * (i % 4);
        }
        ElectronCounting cpu = ElectronCounter.withThresholds(size, size, dark, 12.5, 600);
        ElectronCounting onGpu = gpu.electronCounter(size, size, dark, 12.5, 600).orElseThrow();
        int[] cpuEvents = new int[16];
        int[] gpuEvents = new int[16];
        int[] cpuCount = new int[1];
        int[] gpuCount = new int[1];
        long total = 0;
        for (int f = 0; f < 40; f++) {
            ByteBuffer frame = ByteBuffer.allocate(size * size * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < size * size; i++) {
                frame.putShort(2 * i, (short) (dark[i] + random.nextInt(-6, 7)));
            }
            for (int e = 0; e < 300; e++) {
                int i = random.nextInt(size * size);
                // electrons, some X-ray hits above the upper threshold, some ties between neighbours
                int value = random.nextInt(20) == 0 ? 2000 : 40 + random.nextInt(200);
                frame.putShort(2 * i, (short) (dark[i] + value));
                if (e % 10 == 0 && i + 1 < size * size) {
                    frame.putShort(2 * (i + 1), (short) (dark[i + 1] + value));
                }
            }
            cpuEvents = cpu.count(frame, cpuEvents, cpuCount);
            gpuEvents = onGpu.count(frame, gpuEvents, gpuCount);
            assertArrayEquals(Arrays.copyOf(cpuEvents, cpuCount[0]), Arrays.copyOf(gpuEvents, gpuCount[0]), "frame " + f);
            total += cpuCount[0];
        }
        assertTrue(total > 40 * 200, "events found: " + total);
    }
}
