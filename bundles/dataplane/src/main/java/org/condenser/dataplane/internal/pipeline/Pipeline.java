package org.condenser.dataplane.internal.pipeline;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DropPolicy;
import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameAllocator;
import org.condenser.api.data.FrameCodecs;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.WritableFrame;
import org.condenser.api.data.StageStatistics;

/**
 * Frames from a source through a chain of stages, each with its own bounded queue, drop policy,
 * worker threads and live statistics (areaDetector's plugin chain). A drop is always counted; a
 * frame a stage fails on is counted and the stage goes on with the next. Closing drains: every
 * frame already accepted is processed before the workers stop.
 *
 * <p>Compressed frames stay compressed until a stage needs pixels: each stage declares the codecs it
 * accepts (by default only raw frames), and a frame in another codec is decoded, on that stage's
 * workers and into the pipeline's own memory, just before that stage sees it.
 *
 * <p>Frame ownership: a stage owns one reference to each frame it takes and the pipeline releases it
 * after {@link Work#process} returns; handing a frame to the next stage adds a reference for it.
 */
public final class Pipeline implements AutoCloseable {

    /** What a stage does with each frame; {@code next} hands a frame on to the following stage. */
    @FunctionalInterface
    public interface Work {
        void process(Frame frame, Consumer<Frame> next) throws Exception;
    }

    /** Reports a frame a stage could not process, with why. */
    @FunctionalInterface
    public interface FailureLog {
        void failed(String stage, Frame frame, Exception why);
    }

    private final String name;
    private final List<Stage> stages;

    private Pipeline(String name, List<Stage> stages) {
        this.name = name;
        this.stages = stages;
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Offers a frame to the first stage; the pipeline takes over the caller's reference. */
    public void offer(Frame frame) {
        stages.get(0).offer(frame);
    }

    public List<StageStatistics> statistics() {
        List<StageStatistics> all = new ArrayList<>();
        stages.forEach(stage -> all.add(stage.statistics()));
        return all;
    }

    /**
     * Waits until every frame offered so far has gone through every stage (a series' last frame,
     * before its result is taken); false if that did not happen within the time given.
     */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            boolean idle = true;
            for (Stage stage : stages) {
                idle &= stage.idle();
            }
            if (idle) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MICROSECONDS.sleep(200);
        }
    }

    /** Stops accepting frames, processes every frame already accepted, then stops the workers. */
    @Override
    public void close() throws InterruptedException {
        for (Stage stage : stages) {
            stage.drainAndStop();
        }
    }

    public static final class Builder {
        private final String name;
        private final List<Stage> stages = new ArrayList<>();
        private FailureLog failures = (stage, frame, why) -> { };
        private Decoder decoder;

        private Builder(String name) {
            this.name = name;
        }

        public Builder failures(FailureLog log) {
            this.failures = log;
            return this;
        }

        /** Where decoded frames go and what decodes them, for stages that take only raw frames. */
        public Builder decodeWith(FrameAllocator memory, FrameCodecs codecs) {
            this.decoder = new Decoder(memory, codecs);
            return this;
        }

        /** A stage that takes raw frames only. */
        public Builder stage(String stage, int capacity, DropPolicy policy, int threads, Work work) {
            return stage(stage, capacity, policy, threads, EnumSet.of(Codec.NONE), work);
        }

        /** A stage that takes frames in the {@code accepts} codecs as they are; others are decoded first. */
        public Builder stage(String stage, int capacity, DropPolicy policy, int threads, Set<Codec> accepts, Work work) {
            stages.add(new Stage(name + "/" + stage, capacity, policy, threads, EnumSet.copyOf(accepts), work));
            return this;
        }

        public Pipeline start() {
            if (stages.isEmpty()) {
                throw new IllegalStateException("pipeline " + name + " has no stages");
            }
            for (int i = 0; i < stages.size(); i++) {
                Stage next = i + 1 < stages.size() ? stages.get(i + 1) : null;
                stages.get(i).start(next, failures, decoder);
            }
            return new Pipeline(name, List.copyOf(stages));
        }
    }

    /** Decodes a compressed frame into a raw one from the pipeline's memory. */
    record Decoder(FrameAllocator memory, FrameCodecs codecs) {
        Frame decode(Frame encoded) throws InterruptedException {
            FrameHeader header = encoded.header();
            FrameHeader raw = new FrameHeader(header.seriesId(), header.frameIndex(), header.scanPosition(),
                    header.timestampNanos(), header.dtype(), header.shape(), Codec.NONE);
            WritableFrame decoded = memory.allocate(raw, Math.toIntExact(raw.decodedBytes()), encoded.attributes(), 1,
                    TimeUnit.SECONDS);
            if (decoded == null) {
                throw new IllegalStateException("no frame memory came free within 1 s to decode frame "
                        + header.frameIndex() + " into");
            }
            try {
                codecs.decode(header.codec(), encoded.payload(), header.dtype().bytes(), decoded.writable());
                return decoded;
            } catch (RuntimeException e) {
                decoded.release();
                throw e;
            }
        }
    }

    /** One stage: a bounded queue, its policy, its workers and its figures. */
    static final class Stage {
        private final String name;
        private final int capacity;
        private final DropPolicy policy;
        private final int threadCount;
        private final Work work;
        private final Set<Codec> accepts;
        private final ArrayBlockingQueue<Frame> queue;
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong processed = new AtomicLong();
        private final AtomicLong executionNanos = new AtomicLong();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final List<Thread> workers = new ArrayList<>();
        private volatile boolean accepting = true;
        private volatile boolean running = true;
        private Stage next;
        private FailureLog failures;
        private Decoder decoder;

        Stage(String name, int capacity, DropPolicy policy, int threads, Set<Codec> accepts, Work work) {
            if (capacity < 1 || threads < 1) {
                throw new IllegalArgumentException("stage " + name + " needs a queue and a thread, not " + capacity
                        + " and " + threads);
            }
            this.name = name;
            this.capacity = capacity;
            this.policy = policy;
            this.threadCount = threads;
            this.work = work;
            this.accepts = accepts;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        void start(Stage following, FailureLog log, Decoder decoding) {
            this.next = following;
            this.failures = log;
            this.decoder = decoding;
            for (int i = 0; i < threadCount; i++) {
                Thread thread = new Thread(this::work, "condenser-stage-" + name + "-" + (i + 1));
                thread.setDaemon(true);
                workers.add(thread);
                thread.start();
            }
        }

        /** Takes over the caller's reference to the frame. */
        void offer(Frame frame) {
            received.incrementAndGet();
            if (!accepting) {
                dropped.incrementAndGet();
                frame.release();
                return;
            }
            switch (policy) {
                case BLOCK -> {
                    try {
                        while (!queue.offer(frame, 100, TimeUnit.MILLISECONDS)) {
                            if (!accepting) {
                                dropped.incrementAndGet();
                                frame.release();
                                return;
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        dropped.incrementAndGet();
                        frame.release();
                    }
                }
                case DROP_NEWEST -> {
                    if (!queue.offer(frame)) {
                        dropped.incrementAndGet();
                        frame.release();
                    }
                }
                case DROP_OLDEST -> {
                    while (!queue.offer(frame)) {
                        Frame oldest = queue.poll();
                        if (oldest != null) {
                            dropped.incrementAndGet();
                            oldest.release();
                        }
                    }
                }
            }
        }

        private void work() {
            while (running || !queue.isEmpty()) {
                Frame frame;
                try {
                    frame = queue.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (frame == null) {
                    continue;
                }
                inFlight.incrementAndGet();
                long start = System.nanoTime();
                try {
                    if (accepts.contains(frame.header().codec())) {
                        work.process(frame, this::handOn);
                    } else {
                        processDecoded(frame);
                    }
                    processed.incrementAndGet();
                } catch (Exception | Error e) {
                    failed.incrementAndGet();
                    failures.failed(name, frame, e instanceof Exception ex ? ex : new RuntimeException(e));
                } finally {
                    executionNanos.addAndGet(System.nanoTime() - start);
                    frame.release();
                    inFlight.decrementAndGet();
                }
            }
        }

        private void processDecoded(Frame encoded) throws Exception {
            if (decoder == null) {
                throw new IllegalStateException("stage " + name + " takes " + accepts + " frames, this one is "
                        + encoded.header().codec() + ", and the pipeline has no decoder");
            }
            Frame decoded = decoder.decode(encoded);
            try {
                work.process(decoded, this::handOn);
            } finally {
                decoded.release();
            }
        }

        private void handOn(Frame frame) {
            if (next != null) {
                next.offer(frame.retain());
            }
        }

        /** Every frame offered is accounted for: dropped, processed or failed. */
        boolean idle() {
            return received.get() == dropped.get() + processed.get() + failed.get();
        }

        void drainAndStop() throws InterruptedException {
            accepting = false;
            while (!queue.isEmpty() || inFlight.get() > 0) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            running = false;
            for (Thread worker : workers) {
                worker.join(5000);
            }
        }

        StageStatistics statistics() {
            long done = processed.get() + failed.get();
            return new StageStatistics(name, policy, queue.size(), capacity - queue.size(), received.get(), dropped.get(),
                    failed.get(), done == 0 ? 0 : executionNanos.get() / done, threadCount);
        }
    }
}
