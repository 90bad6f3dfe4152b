package org.condenser.dataplane.internal.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.api.data.DropPolicy;
import org.condenser.api.data.FrameAllocator;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.FrameSource;
import org.condenser.api.data.SeriesInfo;
import org.condenser.api.data.WritableFrame;
import org.condenser.analysis.internal.AnalysisService;
import org.condenser.dataplane.internal.codec.FrameCodecService;
import org.junit.jupiter.api.Test;

/**
 * A series through a stream run, reduced here and fanned out to two workers over ZeroMQ; both must
 * give the image computed directly from the frames, whether frames came raw or bslz4-compressed.
 */
class StreamRunTest {

    private static final int SCAN_H = 6;
    private static final int SCAN_W = 7;
    private static final int SIZE = 24;
    private final FrameCodecService codecs = new FrameCodecService();
    private final AnalysisService analyses = new AnalysisService();

    /** A source of one known series; odd frames are bslz4, as a detector would send them. */
    private final class KnownSeries implements FrameSource {
        @Override
        public String name() {
            return "known";
        }

        @Override
        public void start(FrameAllocator memory, FrameSink sink) throws Exception {
            Thread thread = new Thread(() -> {
                try {
                    sink.seriesStarted(new SeriesInfo("s1", SCAN_H * SCAN_W, new int[] { SCAN_H, SCAN_W }, DType.UINT16,
                            new int[] { SIZE, SIZE }, Map.of()));
                    for (int i = 0; i < SCAN_H * SCAN_W; i++) {
                        ByteBuffer raw = frame(i);
                        Codec codec = i % 2 == 1 ? Codec.BSLZ4 : Codec.NONE;
                        ByteBuffer encoded = ByteBuffer.allocate(codecs.maxEncodedBytes(codec, raw.remaining()));
                        codecs.encode(codec, raw, 2, encoded);
                        encoded.flip();
                        WritableFrame frame = memory.allocate(new FrameHeader("s1", i, new int[] { i / SCAN_W, i % SCAN_W },
                                0, DType.UINT16, new int[] { SIZE, SIZE }, codec), encoded.remaining(), Map.of(), 5,
                                TimeUnit.SECONDS);
                        frame.writable().put(encoded);
                        sink.frame(frame);
                    }
                    sink.seriesEnded("s1", true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
        }

        @Override
        public void stop() {
        }

        @Override
        public Map<String, Long> counts() {
            return Map.of();
        }

        @Override
        public String lastProblem() {
            return "";
        }
    }

    private static ByteBuffer frame(int index) {
        ByteBuffer frame = ByteBuffer.allocate(SIZE * SIZE * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p < SIZE * SIZE; p++) {
            frame.putShort(p * 2, (short) ((index * 13 + p * 7) % 1000));
        }
        return frame;
    }

    /** The annulus sum computed directly: pixels with inner <= r / (SIZE / 2) < outer, r from the frame's centre. */
    private static float[] expected(double inner, double outer) {
        float[] image = new float[SCAN_H * SCAN_W];
        double c = (SIZE - 1) / 2.0;
        for (int i = 0; i < image.length; i++) {
            ByteBuffer frame = frame(i);
            long sum = 0;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double r = Math.hypot(y - c, x - c) / (SIZE / 2.0);
                    if (r >= inner && r < outer) {
                        sum += frame.getShort((y * SIZE + x) * 2) & 0xFFFF;
                    }
                }
            }
            image[i] = sum;
        }
        return image;
    }

    private StreamResult run(String reduction, List<String> workers) throws Exception {
        List<StreamResult> results = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        try (StreamRun run = new StreamRun(new KnownSeries(), new StreamRun.Settings(reduction, 4 << 20, 2, 8,
                DropPolicy.BLOCK, workers, "tcp://127.0.0.1:*"), analyses, codecs, results::add, problems::add)) {
            run.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (results.isEmpty() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertEquals(1, results.size(), problems.toString());
            assertTrue(problems.isEmpty(), problems.toString());
            assertEquals(0, run.memory().inUseBytes(), "every frame went back to the pool");
        }
        return results.get(0);
    }

    private static float[] floats(StreamResult result) {
        ByteBuffer data = result.image().data().order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[(int) result.image().elements()];
        data.asFloatBuffer().get(values);
        return values;
    }

    @Test
    void aSeriesIsReducedHereToTheImageTheFramesMake() throws Exception {
        StreamResult result = run("adf:0.5:1.0", List.of());
        assertEquals(SCAN_H * SCAN_W, result.frames());
        assertEquals(0, result.failed());
        assertArrayEquals(new int[] { SCAN_H, SCAN_W }, result.image().shape());
        assertArrayEquals(expected(0.5, 1.0), floats(result));
        assertArrayEquals(expected(0, Double.POSITIVE_INFINITY), floats(run("sum", List.of())));
    }

    @Test
    void fannedOutToTwoWorkersTheMergedImageIsTheSame() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        StreamWorker one = new StreamWorker("one", "tcp://127.0.0.1:*", 16, 2, 8, analyses, codecs, warnings::add, s -> { });
        StreamWorker two = new StreamWorker("two", "tcp://127.0.0.1:*", 16, 2, 8, analyses, codecs, warnings::add, s -> { });
        try {
            StreamResult result = run("bf:0.4", List.of(one.endpoint(), two.endpoint()));
            assertArrayEquals(expected(0, 0.4), floats(result));
            assertEquals(Map.of("one", 21L, "two", 21L), result.framesPerWorker(), "frames split by index");
            assertEquals(SCAN_H * SCAN_W, result.frames());
            assertTrue(warnings.isEmpty(), warnings.toString());
        } finally {
            one.deactivate();
            two.deactivate();
        }
    }
}
