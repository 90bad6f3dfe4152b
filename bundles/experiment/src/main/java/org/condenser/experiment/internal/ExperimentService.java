package org.condenser.experiment.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.condenser.api.analysis.Analyses;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFiles;
import org.condenser.api.experiment.ExperimentPlan;
import org.condenser.api.experiment.ExperimentProgress;
import org.condenser.api.experiment.Experiments;
import org.condenser.api.experiment.Policy;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.provenance.DatasetActivity;
import org.condenser.api.provenance.Provenance;
import org.condenser.api.runtime.RuntimeHome;
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
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs automated experiments, each on its own thread, at most one per instrument; publishes their
 * progress on Event Admin (which telemetry forwards) and writes each one's results as EMD with its
 * provenance when it ends.
 */
@Component(service = { Experiments.class, ExperimentService.class }, immediate = true,
        configurationPid = ExperimentConfig.PID)
@Designate(ocd = ExperimentConfig.class)
public final class ExperimentService implements Experiments {

    private static final System.Logger LOG = System.getLogger(ExperimentService.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final List<Instrument> instruments = new CopyOnWriteArrayList<>();

    private final Map<String, Policy> policies = new ConcurrentHashMap<>();

    @Reference
    private Analyses analyses;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EmdFiles emd;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Provenance provenance;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    private final ExperimentConfig config;
    private final Path results;
    private final ExecutorService executor;
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicInteger numbers = new AtomicInteger();
    /** Every run since activation, by id, oldest first. */
    private final Map<String, ExperimentRun> runs = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

    @Activate
    public ExperimentService(ExperimentConfig config, BundleContext context) {
        this.config = config;
        this.results = RuntimeHome.resolve(context::getProperty, config.results());
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "condenser-experiment-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Reference(service = Policy.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindPolicy(Policy policy, Map<String, Object> properties) {
        Object name = properties.get(Policy.NAME);
        if (name != null) {
            policies.put(name.toString(), policy);
        }
    }

    void unbindPolicy(Policy policy, Map<String, Object> properties) {
        policies.remove(String.valueOf(properties.get(Policy.NAME)), policy);
    }

    /** The policies by name, for help texts. */
    List<String> policyNames() {
        return new ArrayList<>(new TreeMap<>(policies).keySet());
    }

    Path resultsFolder() {
        return results;
    }

    @Override
    public synchronized ExperimentProgress start(ExperimentPlan plan) {
        Instrument instrument = instruments.stream().filter(i -> i.id().equals(plan.instrument())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instrument '" + plan.instrument() + "'; there are "
                        + instruments.stream().map(Instrument::id).sorted().toList()));
        Policy policy = policies.get(plan.policy());
        if (policy == null) {
            throw new IllegalArgumentException("no policy '" + plan.policy() + "'; there are " + policyNames());
        }
        Scalarizer scalarizer = new Scalarizer(analyses, plan.scalarizer());
        for (ExperimentRun run : List.copyOf(runs.values())) {
            if (run.plan().instrument().equals(plan.instrument()) && run.endState() == null) {
                throw new IllegalStateException(plan.instrument() + " already runs experiment " + run.id()
                        + "; stop it first (cnd:experiment stop " + run.id() + ")");
            }
        }
        String id = "exp-" + LocalDateTime.now().format(STAMP) + "-" + numbers.incrementAndGet();
        ExperimentRun run = new ExperimentRun(id, plan, instrument, policy, scalarizer,
                new ExperimentRun.Limits(config.refusalsInARow(), config.failuresInARow(), config.progressIntervalMillis()),
                this::post);
        runs.put(id, run);
        executor.execute(() -> {
            try {
                run.run();
            } finally {
                write(run, scalarizer.spec());
            }
        });
        return run.progress();
    }

    /** Writes a run's results (when it got as far as its survey) and ends its progress. */
    private void write(ExperimentRun run, String scalarizer) {
        if (run.results() == null) {
            run.written(null, null);
            return;
        }
        EmdFiles files = emd;
        if (files == null) {
            run.written(null, "results not written: no EMD writer in this runtime");
            return;
        }
        Path file = results.resolve(run.id() + ".emd");
        try {
            Files.createDirectories(results);
            Map<String, Object> prov = Map.of();
            Provenance records = provenance;
            if (records != null) {
                prov = Map.of(Provenance.ATTRIBUTE, records.record(new DatasetActivity(file.getFileName().toString(),
                        "experiment", run.started(), run.ended(), List.of(run.plan().instrument()),
                        run.plan().user(), run.plan().policy(), List.of())));
            }
            files.write(file, ExperimentResults.content(run, scalarizer, prov), EmdDialect.EMD_0_2);
            run.written(file.toAbsolutePath().toString(), null);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "experiment " + run.id() + ": results not written to " + file, e);
            run.written(null, "results not written to " + file + ": " + e.getMessage());
        }
    }

    private void post(ExperimentProgress progress) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(ExperimentProgress.TOPIC, Map.of(ExperimentProgress.EVENT_PROPERTY, progress)));
        }
    }

    @Override
    public List<ExperimentProgress> list() {
        synchronized (runs) {
            return runs.values().stream().map(ExperimentRun::progress).toList();
        }
    }

    @Override
    public Optional<ExperimentProgress> progress(String id) {
        return Optional.ofNullable(runs.get(id)).map(ExperimentRun::progress);
    }

    @Override
    public Optional<ExperimentProgress> stop(String id) {
        ExperimentRun run = runs.get(id);
        if (run == null) {
            return Optional.empty();
        }
        run.stop();
        return Optional.of(run.progress());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        List.copyOf(runs.values()).forEach(ExperimentRun::stop);
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }
}
