package org.condenser.dataplane.internal.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.condenser.api.analysis.Analyses;
import org.condenser.api.data.DropPolicy;
import org.condenser.api.data.FrameCodecs;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.StageStatistics;
import org.condenser.api.data.WritableFrame;
import org.condenser.dataplane.internal.pipeline.FramePool;
import org.condenser.dataplane.internal.pipeline.Pipeline;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A fan-out worker: frames from a receiving node (ZeroMQ PULL) into this runtime's own pool and
 * pipeline, reduced as the receiving node asked, and the partial result sent back when the node
 * says the series is over. Malformed messages and frames outside a series are counted and logged.
 */
@Component(service = StreamWorker.class, immediate = true, configurationPid = StreamWorkerConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StreamWorkerConfig.class, factory = true)
public final class StreamWorker {

    private final String name;
    private final Consumer<String> warnings;
    private final Consumer<String> news;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket in;
    private final FramePool pool;
    private final Pipeline pipeline;
    private final Map<String, ZmqLinks.Push> resultLinks = new HashMap<>();
    private final Thread thread;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong outside = new AtomicLong();
    private volatile boolean running = true;
    private final Analyses analyses;
    private volatile SeriesReduction<?> current;
    private FrameWire.Start start;

    @Activate
    public StreamWorker(StreamWorkerConfig config, @Reference Analyses analyses, @Reference FrameCodecs codecs,
            @Reference(service = LoggerFactory.class) Logger log) {
        this(config.name(), config.listen(), config.memoryMegabytes(), config.threads(), config.queue(), analyses, codecs,
                log::warn, log::info);
    }

    StreamWorker(String name, String listen, int memoryMegabytes, int threads, int queue, Analyses analyses,
            FrameCodecs codecs, Consumer<String> warnings, Consumer<String> news) {
        if (name == null || name.isBlank() || listen == null) {
            throw new IllegalArgumentException(StreamWorkerConfig.PID + ": a worker needs a name and an endpoint to listen on");
        }
        this.name = name;
        this.analyses = analyses;
        this.warnings = warnings;
        this.news = news;
        this.pool = new FramePool((long) memoryMegabytes << 20);
        this.pipeline = Pipeline.named("worker-" + name).decodeWith(pool, codecs)
                .failures((stage, frame, why) -> warnings.accept("worker " + name + ": frame " + frame.header().frameIndex()
                        + ": " + why.getMessage()))
                .stage("reduce", queue, DropPolicy.BLOCK, threads, (frame, next) -> {
                    SeriesReduction<?> reduction = current;
                    if (reduction == null) {
                        throw new IllegalArgumentException("no series under way");
                    }
                    reduction.map(frame);
                }).start();
        this.in = ZmqLinks.bindPull(context, listen);
        this.thread = new Thread(this::receive, "condenser-stream-worker-" + name);
        thread.setDaemon(true);
        thread.start();
        news.accept("stream worker " + name + " listening on " + listen);
    }

    private void receive() {
        while (running) {
            byte[] message;
            try {
                message = in.recv();
            } catch (org.zeromq.ZMQException e) {
                return;
            }
            if (message == null) {
                continue;
            }
            byte[] payload = in.hasReceiveMore() ? in.recv() : null;
            try {
                switch (FrameWire.kind(message)) {
                    case FrameWire.START -> begin(FrameWire.readStart(message));
                    case FrameWire.FRAME -> frame(FrameWire.readFrame(message), payload);
                    case FrameWire.END -> end(FrameWire.readEnd(message));
                    default -> throw new IllegalArgumentException("unknown message kind '" + (char) message[0] + "'");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                malformed.incrementAndGet();
                warnings.accept("worker " + name + ": message skipped: " + e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void begin(FrameWire.Start started) {
        start = started;
        current = SeriesReduction.of(analyses.create(started.reduction(), started.series()));
    }

    private void frame(FrameHeader header, byte[] payload) throws InterruptedException {
        if (payload == null) {
            throw new IllegalArgumentException("frame " + header.frameIndex() + " came without its payload");
        }
        if (current == null || !header.seriesId().equals(start.series().seriesId())) {
            outside.incrementAndGet();
            warnings.accept("worker " + name + ": frame " + header.frameIndex() + " of " + header.seriesId()
                    + " is outside the series under way; skipped");
            return;
        }
        WritableFrame frame = pool.allocate(header, payload.length, Map.of(), 10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new IllegalStateException("no frame memory came free within 10 s for frame " + header.frameIndex());
        }
        frame.writable().put(payload);
        frames.incrementAndGet();
        pipeline.offer(frame);
    }

    private void end(String seriesId) throws InterruptedException {
        SeriesReduction<?> reduction = current;
        if (reduction == null || !seriesId.equals(start.series().seriesId())) {
            throw new IllegalArgumentException("the end of " + seriesId + ", which is not under way");
        }
        pipeline.awaitIdle(60, TimeUnit.SECONDS);
        long failed = pipeline.statistics().stream().mapToLong(StageStatistics::failed).sum();
        byte[] partial = FrameWire.partial(new FrameWire.Partial(seriesId, name, reduction.frames(), failed,
                reduction.mergedBytes()));
        resultLinks.computeIfAbsent(start.resultsEndpoint(), endpoint -> new ZmqLinks.Push(context, endpoint, 10_000))
                .send(partial, false);
        news.accept("worker " + name + ": " + reduction.frames() + " frames of " + seriesId
                + " reduced, partial result sent");
        current = null;
    }

    /** The endpoint bound (useful with {@code tcp://127.0.0.1:*}). */
    String endpoint() {
        return ZmqLinks.boundEndpoint(in);
    }

    String name() {
        return name;
    }

    /** Frames taken, malformed messages and frames outside a series, since activation. */
    Map<String, Long> counts() {
        return Map.of("frames", frames.get(), "malformed", malformed.get(), "outside a series", outside.get());
    }

    List<StageStatistics> statistics() {
        return pipeline.statistics();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        running = false;
        thread.join(2000);
        pipeline.close();
        resultLinks.values().forEach(ZmqLinks.Push::close);
        in.close();
        context.close();
    }
}
