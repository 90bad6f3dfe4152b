package org.condenser.flows.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.condenser.api.data.FileEvents;
import org.condenser.api.data.StreamEvents;
import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.Flows;
import org.condenser.api.flow.RunEvent;
import org.condenser.api.runtime.RuntimeHome;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The runtime's flow engine: reads the flow definitions in {@code conf/flows/} (a file added,
 * changed or removed takes effect within a poll; a broken one is logged with its reason and left
 * out), starts a run of each flow whose trigger matches a file the watchers finished, a series a
 * stream reduced, or its schedule's time (see {@link FlowSchedule}), runs steps
 * registered as whiteboard {@link FlowStep} services, and resumes what a restart interrupted.
 */
@Component(service = { FlowEngine.class, Flows.class, EventHandler.class }, immediate = true, configurationPid = FlowsConfig.PID,
        property = { EventConstants.EVENT_TOPIC + "=" + FileEvents.COMPLETED,
                EventConstants.EVENT_TOPIC + "=" + StreamEvents.SERIES_ENDED })
@Designate(ocd = FlowsConfig.class)
public final class FlowEngine implements EventHandler, Flows {

    private final Logger log;
    private final Path folder;
    private final FlowRunner runner;
    private final FlowJournal journal;
    private final FlowSchedule schedule;
    private final Map<String, FlowStep> steps = new ConcurrentHashMap<>();
    private final Map<Path, FileTime> seen = new HashMap<>();
    private final Map<String, String> broken = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "condenser-flows-definitions");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public FlowEngine(FlowsConfig config, BundleContext context, @Reference(service = LoggerFactory.class) Logger log)
            throws IOException {
        this.log = log;
        Path base = RuntimeHome.of(context::getProperty);
        this.folder = RuntimeHome.resolve(context::getProperty, config.folder());
        this.journal = new FlowJournal(base.resolve("journal").resolve("flows.log"));
        if (journal.unreadable() > 0) {
            log.warn("flows: {} unreadable line(s) in {} (cut short by a crash?) were ignored", journal.unreadable(),
                    journal.file());
        }
        this.runner = new FlowRunner(base, journal, steps::get, this::publish);
        this.schedule = new FlowSchedule(runner, log, ZonedDateTime::now);
        long period = Math.max(100, (long) (config.pollSeconds() * 1000));
        poller.execute(() -> {
            readDefinitions();
            int resumed = runner.resume();
            if (resumed > 0) {
                log.info("flows: {} run(s) interrupted by the last stop resume", resumed);
            }
        });
        poller.scheduleWithFixedDelay(this::readDefinitions, period, period, TimeUnit.MILLISECONDS);
    }

    /** Where run events go for telemetry and dashboards, when Event Admin is running. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + FlowStep.TYPE + "=*)")
    void addStep(FlowStep step, Map<String, Object> properties) {
        steps.put(String.valueOf(properties.get(FlowStep.TYPE)), step);
    }

    void removeStep(FlowStep step, Map<String, Object> properties) {
        steps.remove(String.valueOf(properties.get(FlowStep.TYPE)), step);
    }

    /** Looks at the definitions folder: new and changed files are (re)read, removed ones dropped. */
    private synchronized void readDefinitions() {
        Map<Path, FileTime> now = new HashMap<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
                for (Path file : files) {
                    now.put(file, Files.getLastModifiedTime(file));
                }
            } catch (IOException e) {
                log.warn("flows: cannot list {}: {}", folder, e.getMessage());
                return;
            }
        }
        for (Map.Entry<Path, FileTime> file : now.entrySet()) {
            if (!file.getValue().equals(seen.get(file.getKey()))) {
                read(file.getKey());
            }
        }
        for (Path gone : seen.keySet()) {
            if (!now.containsKey(gone)) {
                String name = flowName(gone);
                schedule.cancel(name);
                runner.remove(name);
                broken.remove(name);
                log.info("flows: {} removed", name);
            }
        }
        seen.clear();
        seen.putAll(now);
    }

    private void read(Path file) {
        String name = flowName(file);
        try {
            FlowDefinition flow = FlowDefinition.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!flow.name().equals(name)) {
                throw new IllegalArgumentException("the file is " + file.getFileName() + " but the flow is named '"
                        + flow.name() + "'");
            }
            runner.define(flow);
            schedule.plan(flow);
            broken.remove(name);
            log.info("flows: {} ready ({} steps, trigger {})", name, flow.steps().size(), flow.trigger().type());
        } catch (IOException | IllegalArgumentException e) {
            schedule.cancel(name);
            runner.remove(name);
            broken.put(name, e.getMessage());
            log.error("flows: {} is not used: {}", file, e.getMessage());
        }
    }

    private static String flowName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    @Override
    public void handleEvent(Event event) {
        boolean series = event.getTopic().equals(StreamEvents.SERIES_ENDED);
        String source = String.valueOf(event.getProperty(series ? StreamEvents.SOURCE : FileEvents.WATCHER));
        Object file = event.getProperty(series ? StreamEvents.FILE : FileEvents.PATH);
        for (FlowDefinition flow : runner.flows().values()) {
            boolean starts = series ? flow.trigger().matches(source)
                    : file != null && flow.trigger().matches(source, Path.of(String.valueOf(file)));
            if (!starts) {
                continue;
            }
            Map<String, Object> inputs = new LinkedHashMap<>();
            if (file != null) {
                inputs.put("file", String.valueOf(file));
            }
            if (series) {
                inputs.put("source", source);
                inputs.put("series", event.getProperty(StreamEvents.SERIES));
                inputs.put("complete", event.getProperty(StreamEvents.COMPLETE));
            } else {
                inputs.put("size", event.getProperty(FileEvents.SIZE));
                inputs.put("modified", event.getProperty(FileEvents.MODIFIED));
                inputs.put("watcher", source);
            }
            try {
                String run = runner.submit(flow.name(), inputs);
                log.info("flows: {} started for {}", run, file != null ? file : source);
            } catch (IOException e) {
                log.error("flows: {} was not started for {}: the journal could not be written: {}", flow.name(), file,
                        e.getMessage());
            }
        }
    }

    private void publish(RunEvent event) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(RunEvent.TOPIC, Map.of(RunEvent.EVENT_PROPERTY, event)));
        }
        if (!event.step().isEmpty() || event.state() == org.condenser.api.flow.RunState.RUNNING
                || event.state() == org.condenser.api.flow.RunState.PENDING) {
            return;
        }
        if (event.message().isEmpty()) {
            log.info("flows: {} {}", event.runId(), event.state());
        } else {
            log.warn("flows: {} {}: {}", event.runId(), event.state(), event.message());
        }
    }

    @Override
    public Set<String> flows() {
        return Set.copyOf(runner.flows().keySet());
    }

    @Override
    public String run(String flow, Map<String, Object> inputs) throws IOException {
        return runner.submit(flow, inputs);
    }

    // --- for cnd:flows and cnd:flow ---

    FlowRunner runner() {
        return runner;
    }

    Map<String, FlowSchedule.Plan> schedules() {
        return schedule.plans();
    }

    Map<String, String> broken() {
        return Map.copyOf(broken);
    }

    List<String> stepTypes() {
        return steps.keySet().stream().sorted().toList();
    }

    Path folder() {
        return folder;
    }

    @Deactivate
    void deactivate() throws Exception {
        poller.shutdownNow();
        schedule.close();
        runner.close();
        journal.close();
    }
}
