package org.condenser.driver.daq.internal.dectris;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.api.data.DropPolicy;
import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.SeriesInfo;
import org.condenser.dataplane.internal.codec.FrameCodecService;
import org.condenser.dataplane.internal.pipeline.FramePool;
import org.condenser.dataplane.internal.pipeline.Pipeline;
import org.condenser.analysis.internal.VirtualDetector;
import org.condenser.driver.daq.internal.PushSocket;
import org.condenser.testing.SparseFrames;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Benchmark, not a test (README, "Benchmarks"): DECTRIS stream v2 ingest of 256×256 uint16 frames,
 * raw and bslz4, through the receiver into a virtual-detector reduction (decoding bslz4 on the
 * reduce stage's threads), against raw JeroMQ PUSH/PULL of the very same message bytes in the same
 * run, in alternating rounds. The sender replays pre-built messages so that only receiving is
 * measured. Prints frames/s and the ratio (goal ≥ 0.8); asserts nothing about time. Run by name.
 */
class IngestBenchmark {

    private static final int SIZE = 256;
    private static final int FRAMES = Integer.getInteger("condenser.benchmark.frames", 6000);
    private static final int DISTINCT = 32;
    private static final int ROUNDS = 5;
    private final FrameCodecService codecs = new FrameCodecService();

    @Test
    void dectrisIngestIntoAVirtualDetectorVersusRawJeroMq() throws Exception {
        List<ByteBuffer> frames = SparseFrames.make(DISTINCT, SIZE, 7);
        for (Codec codec : new Codec[] { Codec.NONE, Codec.BSLZ4 }) {
            List<byte[]> messages = messages(frames, codec);
            long bytes = 0;
            for (byte[] message : messages) {
                bytes += message.length;
            }
            double perFrame = (double) bytes / messages.size();
            double[] raw = new double[ROUNDS];
            double[] condenser = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                raw[round] = rawPushPull(messages);
                condenser[round] = ingest(messages);
            }
            double rawBest = max(raw);
            double ours = max(condenser);
            System.out.printf(Locale.ROOT, "DECTRIS %s 256x256 uint16 (%.0f bytes/frame, %d frames/round): raw JeroMQ "
                    + "PUSH/PULL %.0f frames/s (%.0f MB/s), Condenser receiver + virtual ADF %.0f frames/s (%.0f MB/s "
                    + "decoded); ratio %.2f (goal >= 0.80); rounds raw %s, Condenser %s%n", codec, perFrame, FRAMES,
                    rawBest, rawBest * perFrame / 1e6, ours, ours * SIZE * SIZE * 2 / 1e6, ours / rawBest, list(raw),
                    list(condenser));
        }
    }

    /** The series' messages: start, FRAMES images cycling through the distinct frames, end. */
    private List<byte[]> messages(List<ByteBuffer> frames, Codec codec) {
        List<byte[]> messages = new ArrayList<>();
        CborWriter writer = new CborWriter();
        writer.reset().map(7).text("type").text("start").text("series_id").integer(1).text("series_unique_id").text("b")
                .text("number_of_images").integer(FRAMES).text("image_size_x").integer(SIZE).text("image_size_y")
                .integer(SIZE).text("image_dtype").text("uint16");
        messages.add(copy(writer));
        for (int i = 0; i < FRAMES; i++) {
            ByteBuffer frame = frames.get(i % frames.size());
            writer.reset().map(5).text("type").text("image").text("series_id").integer(1).text("series_unique_id").text("b")
                    .text("image_id").integer(i).text("data").map(1).text("threshold_1");
            writer.tag(40).array(2).array(2).integer(SIZE).integer(SIZE).tag(69);
            if (codec == Codec.NONE) {
                writer.bytes(frame.duplicate());
            } else {
                ByteBuffer encoded = ByteBuffer.allocate(codecs.maxEncodedBytes(codec, frame.remaining()));
                int n = codecs.encode(codec, frame.duplicate(), 2, encoded);
                encoded.flip();
                writer.tag(56500).array(3).text("bslz4").integer(2).bytes(encoded.limit(n));
            }
            messages.add(copy(writer));
        }
        writer.reset().map(3).text("type").text("end").text("series_id").integer(1).text("series_unique_id").text("b");
        messages.add(copy(writer));
        return messages;
    }

    private static byte[] copy(CborWriter writer) {
        byte[] bytes = new byte[writer.length()];
        System.arraycopy(writer.buffer(), 0, bytes, 0, bytes.length);
        return bytes;
    }

    /** Frames per second of a bare PULL socket taking the same messages. */
    private double rawPushPull(List<byte[]> messages) throws Exception {
        try (PushSocket push = new PushSocket("tcp://127.0.0.1:*", 256, 30_000); ZContext context = new ZContext()) {
            ZMQ.Socket pull = context.createSocket(SocketType.PULL);
            pull.setRcvHWM(64);
            pull.setReceiveTimeOut(20_000);
            pull.setHandshakeIvl(500); // as the receiver does (see PushSocket)
            pull.connect("tcp://127.0.0.1:" + push.port());
            if (!push.awaitReceivers(1, Duration.ofSeconds(10))) {
                throw new AssertionError("the bare PULL socket did not connect");
            }
            Thread sender = sender(push, messages);
            long start = System.nanoTime();
            sender.start();
            long total = 0;
            for (int i = 0; i < messages.size(); i++) {
                byte[] message = pull.recv();
                if (message == null) {
                    throw new AssertionError("the bare PULL socket received " + i + " of " + messages.size() + " messages");
                }
                total += message.length;
            }
            long elapsed = System.nanoTime() - start;
            sender.join();
            if (total == 0) {
                throw new AssertionError("nothing arrived");
            }
            return (messages.size() - 2) / (elapsed / 1e9);
        }
    }

    /** Frames per second through the receiver and a two-thread reduce stage, until the series' image is complete. */
    private double ingest(List<byte[]> messages) throws Exception {
        FramePool pool = new FramePool(64L << 20);
        SeriesInfo series = new SeriesInfo("bench", FRAMES, new int[] { 1, FRAMES }, DType.UINT16,
                new int[] { SIZE, SIZE }, Map.of());
        VirtualDetector detector = VirtualDetector.annulus("adf", series);
        ThreadLocal<double[]> partials = ThreadLocal.withInitial(detector::newPartial);
        AtomicLong reduced = new AtomicLong();
        Pipeline pipeline = Pipeline.named("bench").decodeWith(pool, codecs).stage("reduce", 64, DropPolicy.BLOCK, 2,
                (frame, next) -> {
                    detector.map(frame, partials.get());
                    reduced.incrementAndGet();
                }).start();
        CountDownLatch ended = new CountDownLatch(1);
        FrameSink sink = new FrameSink() {
            @Override
            public void seriesStarted(SeriesInfo info) {
            }

            @Override
            public void frame(Frame frame) {
                pipeline.offer(frame);
            }

            @Override
            public void seriesEnded(String seriesId, boolean complete) {
                ended.countDown();
            }
        };
        try (PushSocket push = new PushSocket("tcp://127.0.0.1:*", 256, 30_000);
                DectrisReceiver receiver = new DectrisReceiver("tcp://127.0.0.1:" + push.port(), new int[0], pool, sink,
                        problem -> System.out.println("problem: " + problem)).start()) {
            if (!push.awaitReceivers(1, Duration.ofSeconds(10))) {
                throw new AssertionError("the receiver did not connect");
            }
            Thread sender = sender(push, messages);
            long start = System.nanoTime();
            sender.start();
            if (!ended.await(120, TimeUnit.SECONDS) || !pipeline.awaitIdle(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the series did not come through: " + receiver.statistics());
            }
            long elapsed = System.nanoTime() - start;
            sender.join();
            pipeline.close();
            if (reduced.get() != FRAMES) {
                throw new AssertionError(reduced.get() + " of " + FRAMES + " frames reduced: " + receiver.statistics()
                        + " " + pipeline.statistics());
            }
            return FRAMES / (elapsed / 1e9);
        }
    }

    private static Thread sender(PushSocket push, List<byte[]> messages) {
        Thread sender = new Thread(() -> {
            int sent = 0;
            try {
                for (byte[] message : messages) {
                    push.send(message, 0, message.length, false);
                    sent++;
                }
            } catch (RuntimeException e) {
                System.out.println("the sender stopped after " + sent + " messages: " + e.getMessage());
            }
        }, "benchmark-sender");
        sender.setDaemon(true);
        return sender;
    }

    private static double max(double[] values) {
        double best = 0;
        for (double v : values) {
            best = Math.max(best, v);
        }
        return best;
    }

    private static String list(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return out.toString();
    }
}
