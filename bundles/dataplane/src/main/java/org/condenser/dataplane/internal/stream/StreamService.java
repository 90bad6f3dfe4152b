package org.condenser.dataplane.internal.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.analysis.Analyses;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFiles;
import org.condenser.api.data.FrameCodecs;
import org.condenser.api.data.FrameSource;
import org.condenser.api.data.PipelineStatus;
import org.condenser.api.data.Streams;
import org.condenser.api.data.StageStatistics;
import org.condenser.api.data.SeriesResult;
import org.condenser.api.data.StreamEvents;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.provenance.DatasetActivity;
import org.condenser.api.provenance.Provenance;
import org.condenser.api.runtime.RuntimeHome;
import org.condenser.dataplane.internal.pipeline.FramePool;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Live streams: a frame source run into a pipeline that reduces each series to a virtual image as
 * its frames arrive, here or fanned out to workers; each image is written as EMD. Shell:
 * {@code cnd:stream start SOURCE [REDUCTION] [--workers A,B] [--wait]}, {@code cnd:stream stop [SOURCE]},
 * {@code cnd:stream} (results), {@code cnd:pipelines} (live figures). Immediate: it owns the running
 * streams, so it must outlive each shell command that uses it.
 */
@Component(service = { StreamService.class, Streams.class }, immediate = true, configurationPid = StreamConfig.PID,
        property = { "osgi.command.scope=cnd", "osgi.command.function=stream", "osgi.command.function=pipelines" })
@Designate(ocd = StreamConfig.class)
public final class StreamService implements Streams {

    private final StreamConfig config;
    private final FrameCodecs codecs;
    private final Analyses analyses;
    private final Logger log;
    private final Path output;
    private final Map<String, StreamRun> runs = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    /** Each source's latest series: its result and the file it was written to (null when none was). */
    private final Map<String, Reduced> latest = new ConcurrentHashMap<>();

    private record Reduced(StreamResult result, Path file, Instant time) {
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<FrameSource> sources;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EmdFiles emd;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<StreamWorker> workers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    /** Provenance records for the series written, when the runtime keeps them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Provenance provenance;

    /** The instruments a series' record names, with their state during it. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Instrument> instruments;

    @Activate
    public StreamService(StreamConfig config, BundleContext context, @Reference Analyses analyses,
            @Reference FrameCodecs codecs, @Reference(service = LoggerFactory.class) Logger log) {
        this.config = config;
        this.analyses = analyses;
        this.codecs = codecs;
        this.log = log;
        this.output = RuntimeHome.resolve(context::getProperty, config.output());
    }

    @Descriptor("live streams: start SOURCE [ANALYSIS] [--workers A,B] [--wait], stop [SOURCE], or their results")
    public void stream(String... words) throws Exception {
        System.out.println(streamCommand(words));
    }

    private String streamCommand(String... words) throws Exception {
        if (words.length == 0) {
            return results();
        }
        return switch (words[0]) {
            case "start" -> start(Arrays.copyOfRange(words, 1, words.length));
            case "stop" -> stopStream(words.length > 1 ? words[1] : null);
            default -> throw new IllegalArgumentException("cnd:stream " + words[0] + ": say start, stop, or nothing for "
                    + "the results");
        };
    }

    private String start(String[] words) throws Exception {
        String sourceName = null;
        String reduction = config.reduction();
        List<String> workers = split(config.workers());
        boolean wait = false;
        for (int i = 0; i < words.length; i++) {
            switch (words[i]) {
                case "--workers" -> {
                    if (i + 1 >= words.length) {
                        throw new IllegalArgumentException("--workers needs endpoints, such as tcp://node1:7101,tcp://node2:7101");
                    }
                    workers = split(words[++i]);
                }
                case "--wait" -> wait = true;
                default -> {
                    if (sourceName == null) {
                        sourceName = words[i];
                    } else {
                        reduction = words[i];
                    }
                }
            }
        }
        if (sourceName == null) {
            throw new IllegalArgumentException("cnd:stream start needs a source: " + sourceNames());
        }
        analyses.check(reduction);
        FrameSource source = source(sourceName);
        if (runs.containsKey(sourceName)) {
            throw new IllegalStateException("source " + sourceName + " is already streaming; cnd:stream stop " + sourceName
                    + " first");
        }
        String name = sourceName;
        Reduced before = latest.get(name);
        StreamRun run = new StreamRun(source, new StreamRun.Settings(reduction, (long) config.memoryMegabytes() << 20,
                config.threads(), config.queue(), config.policy(), workers, config.results()), analyses, codecs,
                result -> finished(name, result), problem -> {
                    problems.put(name, problem);
                    log.warn("stream {}: {}", name, problem);
                });
        runs.put(name, run);
        try {
            run.start();
        } catch (Exception e) {
            runs.remove(name);
            run.close();
            throw e;
        }
        String started = "streaming " + name + " into " + reduction
                + (workers.isEmpty() ? " on this node" : " on " + workers.size() + " workers " + workers);
        if (!wait) {
            return started;
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (latest.get(name) == before && System.nanoTime() < deadline && runs.containsKey(name)
                && run.failure() == null) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        Reduced result = latest.get(name);
        if (result == before) {
            stopStream(name);
            throw new IllegalStateException(started + ", but no series ended" + (problems.containsKey(name)
                    ? ": " + problems.get(name) : ""));
        }
        stopStream(name);
        return started + "\n" + describe(name, result);
    }

    private void finished(String name, StreamResult result) {
        Path written = null;
        EmdFiles files = emd;
        if (files != null) {
            try {
                Files.createDirectories(output);
                Path file = output.resolve(result.seriesId() + ".emd");
                Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
                groups.put("stream", Map.of("source", name, "series", result.seriesId(), "frames", result.frames(),
                        "complete", result.complete()));
                Provenance records = provenance;
                if (records != null) {
                    Instant end = Instant.now();
                    List<Instrument> used = instruments;
                    // streams start from this runtime's shell and flows: its operating-system user asked for them
                    groups.put(Provenance.GROUP, Map.of(Provenance.ATTRIBUTE, records.record(new DatasetActivity(
                            result.seriesId(), "stream", end.minusMillis((long) (result.seconds() * 1000)), end,
                            used == null ? List.of() : used.stream().map(Instrument::id).toList(),
                            System.getProperty("user.name", ""), "", List.of()))));
                }
                files.write(file, new EmdContent(List.of(result.image()), groups), EmdDialect.EMD_0_2);
                written = file.toAbsolutePath();
                Files.write(output.resolve(result.seriesId() + ".png"), analyses.png(result.image()));
            } catch (IOException | RuntimeException e) {
                problems.put(name, "the image of " + result.seriesId() + " was not written: " + e.getMessage());
            }
        }
        latest.put(name, new Reduced(result, written, Instant.now()));
        log.info("stream {}: {} reduced ({} frames, {}){}", name, result.seriesId(), result.frames(),
                result.complete() ? "complete" : "cut short", written == null ? "" : ", written to " + written);
        EventAdmin admin = events;
        if (admin != null) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put(StreamEvents.SOURCE, name);
            properties.put(StreamEvents.SERIES, result.seriesId());
            properties.put(StreamEvents.COMPLETE, result.complete());
            if (written != null) {
                properties.put(StreamEvents.FILE, written.toString());
            }
            admin.postEvent(new Event(StreamEvents.SERIES_ENDED, properties));
        }
    }

    private String stopStream(String name) throws InterruptedException {
        List<String> names = name == null ? new ArrayList<>(runs.keySet()) : List.of(name);
        if (name != null && !runs.containsKey(name)) {
            throw new IllegalArgumentException("source " + name + " is not streaming (streaming: " + runs.keySet() + ")");
        }
        for (String each : names) {
            StreamRun run = runs.remove(each);
            if (run != null) {
                run.close();
            }
        }
        return "stopped " + (names.isEmpty() ? "nothing (no stream was running)" : String.join(", ", names));
    }

    private String results() {
        if (latest.isEmpty()) {
            return "no series reduced yet; cnd:stream start SOURCE (sources: " + sourceNames() + ")";
        }
        StringBuilder out = new StringBuilder();
        latest.forEach((name, result) -> out.append(describe(name, result)).append('\n'));
        return out.toString().stripTrailing();
    }

    private String describe(String name, Reduced reduced) {
        StreamResult result = reduced.result();
        DataArray image = result.image();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long finite = 0;
        for (double v : image.toDoubles()) {
            if (Double.isFinite(v)) { // a centre of mass has none where nothing was counted
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                finite++;
            }
        }
        String shape = Arrays.stream(image.shape()).mapToObj(String::valueOf).collect(Collectors.joining("x"));
        return String.format(Locale.ROOT, "%s: %s %s, %d frames%s in %.2f s (%.0f frames/s), %s %s: min %.3g, mean "
                + "%.3g, max %.3g%s%s", name, result.seriesId(), result.complete() ? "complete" : "CUT SHORT",
                result.frames(), result.failed() > 0 ? " (" + result.failed() + " failed)" : "", result.seconds(),
                result.frames() / Math.max(result.seconds(), 1e-9), image.name(), shape, min,
                sum / Math.max(finite, 1), max, result.framesPerWorker().size() > 1 || !result.framesPerWorker()
                        .containsKey("local") ? ", per worker " + result.framesPerWorker() : "",
                reduced.file() == null ? "" : "\n  " + reduced.file());
    }

    @Override
    public Map<String, SeriesResult> latestResults() {
        Map<String, SeriesResult> results = new LinkedHashMap<>();
        latest.forEach((source, reduced) -> results.put(source, new SeriesResult(source, reduced.result().seriesId(),
                reduced.result().complete(), reduced.result().frames(), reduced.result().image(), reduced.time())));
        return results;
    }

    @Override
    public List<PipelineStatus> snapshot() {
        List<PipelineStatus> all = new ArrayList<>();
        for (StreamWorker worker : workers) {
            all.add(new PipelineStatus(worker.name(), "worker", worker.statistics(), 0, 0));
        }
        runs.forEach((name, run) -> {
            FramePool.Statistics memory = run.memory();
            all.add(new PipelineStatus(name, "stream", run.statistics(), memory.inUseBytes(), memory.capacityBytes()));
        });
        return all;
    }

    @Override
    public String start(String source, String analysis) throws Exception {
        return start(analysis == null ? new String[] { source } : new String[] { source, analysis });
    }

    @Override
    public String stop(String source) throws Exception {
        if (source == null) {
            throw new IllegalArgumentException("which source? streaming: " + runs.keySet());
        }
        return stopStream(source);
    }

    @Descriptor("pipelines: each stream's stages (queue, drops, time per frame, threads), memory and source counts")
    public void pipelines() {
        for (StreamWorker worker : workers) {
            System.out.println("fan-out worker " + worker.name() + " on " + worker.endpoint() + ": " + worker.counts());
            printStages(worker.statistics());
        }
        if (runs.isEmpty()) {
            System.out.println("no stream is running; cnd:stream start SOURCE (sources: " + sourceNames() + ")");
            return;
        }
        runs.forEach((name, run) -> {
            System.out.println(name);
            printStages(run.statistics());
            FramePool.Statistics memory = run.memory();
            System.out.printf(Locale.ROOT, "  memory: %.1f of %.1f MiB allocated, %.1f MiB in use, %d frames taken, %d "
                    + "times full%n", memory.allocatedBytes() / 1048576.0, memory.capacityBytes() / 1048576.0,
                    memory.inUseBytes() / 1048576.0, memory.acquired(), memory.exhausted());
            System.out.println("  source: " + run.sourceCounts());
            long[] sent = run.sentPerWorker();
            if (sent.length > 0) {
                System.out.println("  sent per worker: " + Arrays.toString(sent));
            }
            String problem = problems.getOrDefault(name, run.lastProblem());
            if (problem != null && !problem.isEmpty()) {
                System.out.println("  last problem: " + problem);
            }
        });
    }

    private static void printStages(List<StageStatistics> stages) {
        System.out.printf("  %-22s %-11s %6s %6s %10s %8s %7s %10s %7s%n", "stage", "policy", "queue", "free", "received",
                "dropped", "failed", "us/frame", "threads");
        for (StageStatistics stage : stages) {
            System.out.printf(Locale.ROOT, "  %-22s %-11s %6d %6d %10d %8d %7d %10.1f %7d%n", stage.stage(),
                    stage.policy(), stage.queueSize(), stage.queueFree(), stage.received(), stage.dropped(),
                    stage.failed(), stage.meanExecutionNanos() / 1000.0, stage.threads());
        }
    }

    private FrameSource source(String name) {
        for (FrameSource source : sources) {
            if (source.name().equals(name)) {
                return source;
            }
        }
        throw new IllegalArgumentException("no frame source '" + name + "'; sources: " + sourceNames());
    }

    private String sourceNames() {
        List<String> names = new ArrayList<>();
        sources.forEach(source -> names.add(source.name()));
        return names.isEmpty() ? "none configured" : String.join(", ", names);
    }

    private static List<String> split(String endpoints) {
        List<String> list = new ArrayList<>();
        for (String endpoint : endpoints.split(",")) {
            if (!endpoint.isBlank()) {
                list.add(endpoint.strip());
            }
        }
        return list;
    }

    /** The latest result of each source, for tests. */
    Map<String, StreamResult> latest() {
        Map<String, StreamResult> results = new LinkedHashMap<>();
        latest.forEach((source, reduced) -> results.put(source, reduced.result()));
        return results;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stopStream(null);
    }
}
