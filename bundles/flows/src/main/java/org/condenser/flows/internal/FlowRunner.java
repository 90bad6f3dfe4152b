package org.condenser.flows.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.RunEvent;
import org.condenser.api.flow.RunState;
import org.condenser.api.flow.StepContext;
import org.condenser.api.flow.TransientStepException;
import org.condenser.api.provenance.DatasetActivity;

/**
 * Runs flows: each flow on its own bounded pool (its {@code concurrency}), each run's steps in order
 * with the outputs of earlier steps as inputs of later ones. A {@link TransientStepException} is
 * retried with doubling back-off up to the flow's {@code retries}; any other exception quarantines the
 * run (its input file is copied aside under {@code quarantine/FLOW/}) and other runs carry on. Every
 * step done is journalled, so a restart resumes each unfinished run after its last step done.
 * Each step's own (active) time is measured apart from the engine's (orchestration overhead).
 */
final class FlowRunner implements AutoCloseable {

    /** Runs kept for {@code cnd:flow history}; the journal keeps them all. */
    private static final int HISTORY = 1000;

    private final Path home;
    private final FlowJournal journal;
    private final Function<String, FlowStep> steps;
    private final Consumer<RunEvent> events;
    private final Map<String, FlowDefinition> flows = new ConcurrentHashMap<>();
    private final Map<String, ThreadPoolExecutor> pools = new ConcurrentHashMap<>();
    private final List<RunRecord> history = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final AtomicLong sequence;

    /**
     * @param steps finds the step service for a type, or null when none is installed
     */
    FlowRunner(Path home, FlowJournal journal, Function<String, FlowStep> steps, Consumer<RunEvent> events) {
        this.home = home;
        this.journal = journal;
        this.steps = steps;
        this.events = events;
        this.sequence = new AtomicLong(journal.lastRun());
    }

    /** Adds or replaces a flow; runs under way keep the definition they started with. */
    void define(FlowDefinition flow) {
        flows.put(flow.name(), flow);
        ThreadPoolExecutor pool = pools.computeIfAbsent(flow.name(), name -> new ThreadPoolExecutor(flow.concurrency(),
                flow.concurrency(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "condenser-flow-" + name);
                    thread.setDaemon(true);
                    return thread;
                }));
        // a redefined flow resizes its pool: core may never exceed maximum on the way
        pool.setMaximumPoolSize(Math.max(flow.concurrency(), pool.getCorePoolSize()));
        pool.setCorePoolSize(flow.concurrency());
        pool.setMaximumPoolSize(flow.concurrency());
    }

    void remove(String flow) {
        flows.remove(flow);
    }

    Map<String, FlowDefinition> flows() {
        return Map.copyOf(flows);
    }

    /** Runs waiting for a free slot in their flow. */
    int queued(String flow) {
        ThreadPoolExecutor pool = pools.get(flow);
        return pool == null ? 0 : pool.getQueue().size();
    }

    /** Starts a run of {@code flow} with {@code inputs}; answers its id. */
    String submit(String flow, Map<String, Object> inputs) throws IOException {
        FlowDefinition definition = flows.get(flow);
        if (definition == null) {
            throw new IllegalArgumentException("no flow '" + flow + "' (flows: " + flows.keySet() + ")");
        }
        String runId = flow + "-" + sequence.incrementAndGet();
        Map<String, Object> given = FlowLineage.begin(definition.instruments(), inputs);
        journal.started(runId, flow, given);
        schedule(definition, runId, given, List.of(), Map.of());
        return runId;
    }

    /** Resumes what the journal says was under way; answers how many runs. */
    int resume() {
        int resumed = 0;
        for (FlowJournal.Unfinished run : journal.unfinished()) {
            FlowDefinition definition = flows.get(run.flow());
            if (definition != null) {
                schedule(definition, run.runId(), run.inputs(), run.stepsDone(), run.outputs());
                resumed++;
            }
        }
        return resumed;
    }

    private void schedule(FlowDefinition flow, String runId, Map<String, Object> inputs, List<String> done,
            Map<String, Object> outputs) {
        long submitted = System.nanoTime();
        Instant started = Instant.now();
        event(runId, flow.name(), "", RunState.PENDING, "");
        pools.get(flow.name()).execute(() -> run(flow, runId, inputs, done, outputs, submitted, started));
    }

    private void run(FlowDefinition flow, String runId, Map<String, Object> inputs, List<String> done,
            Map<String, Object> previous, long submitted, Instant started) {
        running.put(runId, flow.name());
        long queued = System.nanoTime() - submitted;
        Map<String, Object> values = new LinkedHashMap<>(inputs);
        values.putAll(previous);
        List<RunRecord.StepTiming> timings = new ArrayList<>();
        RunState outcome = RunState.SUCCEEDED;
        String message = "";
        event(runId, flow.name(), "", RunState.RUNNING, "");
        try {
            for (FlowDefinition.Step step : flow.steps()) {
                if (done.contains(step.name())) {
                    continue; // done before a restart: its outputs came back from the journal
                }
                StepOutcome result = step(flow, runId, step, values);
                timings.add(result.timing());
                if (result.state() != RunState.SUCCEEDED) {
                    outcome = result.state();
                    message = step.name() + ": " + result.message();
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.remove(runId);
            return; // stopped: the journal has no end, so a restart resumes this run
        }
        if (outcome == RunState.QUARANTINED) {
            message += quarantine(flow.name(), runId, values);
        }
        try {
            journal.ended(runId, outcome.name(), message);
        } catch (IOException e) {
            message += " (the journal could not be written: " + e.getMessage() + ")";
        }
        history.add(new RunRecord(runId, flow.name(), outcome, message, started, List.copyOf(timings), queued,
                System.nanoTime() - submitted));
        while (history.size() > HISTORY) {
            history.remove(0);
        }
        running.remove(runId);
        event(runId, flow.name(), "", outcome, message);
    }

    private record StepOutcome(RunState state, String message, RunRecord.StepTiming timing) {
    }

    private StepOutcome step(FlowDefinition flow, String runId, FlowDefinition.Step step, Map<String, Object> values)
            throws InterruptedException {
        long begun = System.nanoTime();
        long active = 0;
        int attempt = 0;
        while (true) {
            attempt++;
            FlowStep service = steps.apply(step.type());
            if (service == null) {
                return new StepOutcome(RunState.FAILED, "no step of type '" + step.type() + "' is installed",
                        new RunRecord.StepTiming(step.name(), attempt, active, System.nanoTime() - begun));
            }
            Context context = new Context(runId, flow.name(), step, values, home.resolve("work").resolve(runId).resolve(step.name()));
            event(runId, flow.name(), step.name(), RunState.RUNNING, attempt > 1 ? "attempt " + attempt : "");
            long start = System.nanoTime();
            Instant began = Instant.now();
            try {
                service.execute(context);
                active += System.nanoTime() - start;
                context.outputs.remove(StepContext.LINEAGE); // the engine's to keep, not a step's
                List<Object> grown = FlowLineage.after(values.get(StepContext.LINEAGE), values.get("file"),
                        context.outputs, runId, flow.name(), step, began, Instant.now());
                if (grown != null) {
                    context.outputs.put(StepContext.LINEAGE, grown);
                }
                values.putAll(context.outputs);
                try {
                    journal.stepDone(runId, step.name(), active, System.nanoTime() - begun, context.outputs);
                } catch (IOException e) {
                    return new StepOutcome(RunState.FAILED, "the journal could not be written: " + e.getMessage(),
                            new RunRecord.StepTiming(step.name(), attempt, active, System.nanoTime() - begun));
                }
                event(runId, flow.name(), step.name(), RunState.SUCCEEDED, "");
                return new StepOutcome(RunState.SUCCEEDED, "", new RunRecord.StepTiming(step.name(), attempt, active,
                        System.nanoTime() - begun));
            } catch (TransientStepException e) {
                active += System.nanoTime() - start;
                if (attempt > flow.retries()) {
                    return new StepOutcome(RunState.FAILED, "gave up after " + attempt + " attempts: " + e.getMessage(),
                            new RunRecord.StepTiming(step.name(), attempt, active, System.nanoTime() - begun));
                }
                long backoff = (long) (flow.backoffSeconds() * 1000 * (1L << Math.min(attempt - 1, 10)));
                event(runId, flow.name(), step.name(), RunState.PENDING, "retrying in " + backoff + " ms: " + e.getMessage());
                TimeUnit.MILLISECONDS.sleep(backoff);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | Error e) {
                active += System.nanoTime() - start;
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                return new StepOutcome(RunState.QUARANTINED, why,
                        new RunRecord.StepTiming(step.name(), attempt, active, System.nanoTime() - begun));
            }
        }
    }

    /** Sets the run's input file aside for people to look at; answers where, for the message. */
    private String quarantine(String flow, String runId, Map<String, Object> values) {
        if (!(values.get("file") instanceof String file) || !Files.isRegularFile(Path.of(file))) {
            return "";
        }
        try {
            Path folder = Files.createDirectories(home.resolve("quarantine").resolve(flow));
            Path copy = folder.resolve(runId + "-" + Path.of(file).getFileName());
            Files.copy(Path.of(file), copy, StandardCopyOption.REPLACE_EXISTING);
            return "; the input was copied to " + copy;
        } catch (IOException e) {
            return "; the input could not be set aside: " + e.getMessage();
        }
    }

    private void event(String runId, String flow, String step, RunState state, String message) {
        events.accept(new RunEvent(runId, flow, step, state, message, Instant.now()));
    }

    List<RunRecord> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Runs under way now, by id, with their flow. */
    Map<String, String> running() {
        return Map.copyOf(running);
    }

    /** The step context: parameters from the definition, inputs so far, outputs collected. */
    private static final class Context implements StepContext {
        private final String runId;
        private final String flow;
        private final FlowDefinition.Step step;
        private final Map<String, Object> inputs;
        private final Map<String, Object> outputs = new LinkedHashMap<>();
        private final Path work;

        Context(String runId, String flow, FlowDefinition.Step step, Map<String, Object> inputs, Path work) {
            this.runId = runId;
            this.flow = flow;
            this.step = step;
            this.inputs = Map.copyOf(inputs);
            this.work = work;
        }

        @Override
        public String runId() {
            return runId;
        }

        @Override
        public String flow() {
            return flow;
        }

        @Override
        public Map<String, Object> parameters() {
            return step.parameters();
        }

        @Override
        public Map<String, Object> inputs() {
            return inputs;
        }

        @Override
        public List<DatasetActivity> lineage() {
            return FlowLineage.read(inputs.get(StepContext.LINEAGE));
        }

        @Override
        public void output(String name, Object value) {
            outputs.put(name, value);
        }

        @Override
        public Path workDirectory() {
            try {
                return Files.createDirectories(work);
            } catch (IOException e) {
                throw new IllegalStateException("cannot make the work folder " + work + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ExecutorService pool : pools.values()) {
            pool.shutdownNow();
        }
        for (ExecutorService pool : pools.values()) {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
