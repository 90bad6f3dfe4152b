package org.condenser.dataplane.internal.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.condenser.api.analysis.Analyses;
import org.condenser.api.data.Codec;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.DropPolicy;
import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameCodecs;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.FrameSource;
import org.condenser.api.data.SeriesInfo;
import org.condenser.api.data.StageStatistics;
import org.condenser.dataplane.internal.pipeline.FramePool;
import org.condenser.dataplane.internal.pipeline.Pipeline;

/**
 * One source streaming into one pipeline that reduces each series to a virtual image as its frames
 * arrive: locally (a reduce stage, frames decoded only there) or fanned out to worker nodes (a
 * distribute stage that sends frames on still compressed, then merges the workers' partials).
 */
final class StreamRun implements FrameSink, AutoCloseable {

    /** How the run is set up. */
    record Settings(String reduction, long memoryBytes, int threads, int queue, DropPolicy policy, List<String> workers,
            String resultsBind) {
    }

    private final FrameSource source;
    private final Settings settings;
    private final Analyses analyses;
    private final Consumer<StreamResult> results;
    private final Consumer<String> problems;
    private final FramePool pool;
    private final Pipeline pipeline;
    private final FanOut fanOut;
    private final AtomicLong outsideSeries = new AtomicLong();
    private final AtomicLong seriesDone = new AtomicLong();
    private volatile SeriesInfo series;
    private volatile SeriesReduction<?> current;
    private volatile String failure;
    private long seriesStart;

    StreamRun(FrameSource source, Settings settings, Analyses analyses, FrameCodecs codecs,
            Consumer<StreamResult> results, Consumer<String> problems) {
        this.source = source;
        this.settings = settings;
        this.analyses = analyses;
        this.results = results;
        this.problems = problems;
        this.pool = new FramePool(settings.memoryBytes());
        this.fanOut = settings.workers().isEmpty() ? null : new FanOut(settings.workers(), settings.resultsBind());
        Pipeline.Builder builder = Pipeline.named(source.name()).decodeWith(pool, codecs)
                .failures((stage, frame, why) -> problems.accept(stage + ": frame " + frame.header().frameIndex() + ": "
                        + why.getMessage()));
        if (fanOut == null) {
            builder.stage("reduce", settings.queue(), settings.policy(), settings.threads(), this::reduce);
        } else {
            // frames travel in their codec; the workers decode
            builder.stage("distribute", settings.queue(), settings.policy(), 1, EnumSet.allOf(Codec.class),
                    (frame, next) -> fanOut.send(frame));
        }
        this.pipeline = builder.start();
    }

    String name() {
        return source.name();
    }

    void start() throws Exception {
        source.start(pool, this);
    }

    private void reduce(Frame frame, Consumer<Frame> next) {
        SeriesReduction<?> reduction = current;
        if (reduction == null || !frame.header().seriesId().equals(series.seriesId())) {
            throw new IllegalArgumentException("the frame belongs to " + frame.header().seriesId()
                    + ", which is not the series under way");
        }
        reduction.map(frame);
    }

    @Override
    public void seriesStarted(SeriesInfo started) {
        try {
            current = SeriesReduction.of(analyses.create(settings.reduction(), started));
            series = started;
            seriesStart = System.nanoTime();
            if (fanOut != null) {
                fanOut.begin(started, settings.reduction());
            }
        } catch (RuntimeException e) {
            current = null;
            series = null;
            sourceFailed("series " + started.seriesId() + " is not reduced: " + e.getMessage());
        }
    }

    @Override
    public void frame(Frame frame) {
        if (current == null) {
            outsideSeries.incrementAndGet();
            frame.release();
            return;
        }
        pipeline.offer(frame);
    }

    @Override
    public void seriesEnded(String seriesId, boolean complete) {
        SeriesReduction<?> reduction = current;
        SeriesInfo info = series;
        if (reduction == null || info == null || !info.seriesId().equals(seriesId)) {
            return;
        }
        try {
            if (!pipeline.awaitIdle(60, TimeUnit.SECONDS)) {
                problems.accept(seriesId + ": the pipeline did not catch up within 60 s; the image is partial");
            }
            DataArray image;
            Map<String, Long> perWorker = new TreeMap<>();
            long frames;
            long failed = 0;
            if (fanOut == null) {
                image = reduction.result();
                frames = reduction.frames();
                perWorker.put("local", frames);
            } else {
                List<byte[]> remote = new ArrayList<>();
                frames = 0;
                for (FrameWire.Partial partial : fanOut.end(seriesId, Duration.ofSeconds(60))) {
                    remote.add(partial.bytes());
                    frames += partial.frames();
                    failed += partial.failed();
                    perWorker.put(partial.worker(), partial.frames());
                }
                image = reduction.result(remote);
            }
            for (StageStatistics stage : pipeline.statistics()) {
                failed += stage.failed();
            }
            seriesDone.incrementAndGet();
            results.accept(new StreamResult(seriesId, complete, frames, failed, perWorker, image,
                    (System.nanoTime() - seriesStart) / 1e9));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problems.accept(seriesId + ": no result: " + e.getMessage());
        } finally {
            current = null;
        }
    }

    @Override
    public void sourceFailed(String reason) {
        failure = reason;
        problems.accept(reason);
    }

    /** Why the source gave up, or null while it has not. */
    String failure() {
        return failure;
    }

    List<StageStatistics> statistics() {
        return pipeline.statistics();
    }

    FramePool.Statistics memory() {
        return pool.statistics();
    }

    Map<String, Long> sourceCounts() {
        Map<String, Long> counts = new LinkedHashMap<>(source.counts());
        counts.put("outside a reduced series", outsideSeries.get());
        counts.put("series reduced", seriesDone.get());
        return counts;
    }

    String lastProblem() {
        return source.lastProblem();
    }

    long[] sentPerWorker() {
        return fanOut == null ? new long[0] : fanOut.sent();
    }

    @Override
    public void close() throws InterruptedException {
        source.stop();
        pipeline.close();
        if (fanOut != null) {
            fanOut.close();
        }
    }
}
