package org.condenser.core.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.StatusState;
import org.condenser.api.runtime.BundleProblem;
import org.condenser.api.runtime.ComponentProblem;
import org.condenser.api.runtime.HealthReport;
import org.condenser.api.runtime.InstrumentSummary;
import org.condenser.api.runtime.NodeStatus;
import org.condenser.api.runtime.RuntimeStatus;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The runtime's view of itself: bundles, components and instruments, and whether all is well.
 * Core starts before the other bundles (cnf/runtime.bnd), so it sees their start failures.
 */
@Component(service = RuntimeStatus.class, immediate = true)
public final class RuntimeStatusService implements RuntimeStatus {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final RuntimeHome home;
    private final StartLevels levels;
    private final BundleStartFailures failures = new BundleStartFailures();
    private final Object startedSignal = new Object();
    /**
     * Felix reports a new start level as soon as it begins starting that level's bundles; only the
     * STARTLEVEL_CHANGED event says they have all been started.
     */
    private volatile boolean runLevelReached;
    /** How long {@link #awaitStarted} waits, at most, for instruments to finish initialising. */
    private static final Duration INSTRUMENT_SETTLE = Duration.ofSeconds(10);
    private final FrameworkListener startWatcher;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Instrument> instruments;

    @Activate
    public RuntimeStatusService(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        this.home = RuntimeHome.of(context);
        this.levels = StartLevels.of(context);
        context.addFrameworkListener(failures);
        context.addBundleListener(failures);
        this.startWatcher = this::watchStartLevel;
        context.addFrameworkListener(startWatcher);
        // Core restarted in a runtime that was already up: the event has passed.
        runLevelReached = frameworkStartLevel() >= levels.run()
                && context.getBundle(0).getState() == Bundle.ACTIVE && !anyBundleStarting();
    }

    private void watchStartLevel(FrameworkEvent event) {
        if ((event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED)
                && frameworkStartLevel() >= levels.run()) {
            runLevelReached = true;
            synchronized (startedSignal) {
                startedSignal.notifyAll();
            }
        }
    }

    private boolean anyBundleStarting() {
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.STARTING && bundle != context.getBundle()) {
                return true;
            }
        }
        return false;
    }

    @Deactivate
    void deactivate() {
        context.removeFrameworkListener(startWatcher);
        context.removeBundleListener(failures);
        context.removeFrameworkListener(failures);
    }

    @Override
    public NodeStatus snapshot() {
        Bundle[] bundles = context.getBundles();
        int active = 0;
        List<BundleProblem> bundleProblems = new ArrayList<>();
        int frameworkLevel = frameworkStartLevel();
        for (Bundle bundle : bundles) {
            if (isActive(bundle)) {
                active++;
            } else if (shouldBeActive(bundle, frameworkLevel)) {
                bundleProblems.add(new BundleProblem(bundle.getBundleId(), bundle.getSymbolicName(),
                        bundle.getVersion().toString(), stateName(bundle.getState()), reasonNotActive(bundle)));
            }
        }
        Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return new NodeStatus(version(), home.featureSet(), home.home(), startedAt,
                Duration.between(startedAt, Instant.now()), isStarted(), active, bundles.length, bundleProblems,
                componentProblems(), instrumentSummaries());
    }

    @Override
    public HealthReport health() {
        NodeStatus status = snapshot();
        List<String> problems = new ArrayList<>();
        if (!status.started()) {
            problems.add("runtime is still starting (start level " + frameworkStartLevel() + " of " + levels.run()
                    + ")");
        }
        for (BundleProblem p : status.bundleProblems()) {
            problems.add("bundle " + p.symbolicName() + " " + p.version() + " is " + p.state() + ": " + p.reason());
        }
        for (ComponentProblem p : status.componentProblems()) {
            problems.add("component " + p.component() + " (" + p.bundle() + ") " + p.state() + ": " + p.reason());
        }
        for (InstrumentSummary i : status.instruments()) {
            if (!i.status().isOnline()) {
                problems.add("instrument " + i.id() + " is " + i.status());
            }
        }
        return new HealthReport(problems);
    }

    @Override
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (startedSignal) {
            while (!isStarted()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // The listener wakes us on each start-level change; the bound guards against a missed one.
                startedSignal.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 250)));
            }
        }
        // Drivers connect on their own threads after activation; a command run right after start
        // should see them settled, not in the middle of it. Bounded: one that never settles says so itself.
        long settleBy = Math.min(deadline, System.nanoTime() + INSTRUMENT_SETTLE.toNanos());
        while (anyInstrumentInitializing() && System.nanoTime() < settleBy) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return true;
    }

    private boolean anyInstrumentInitializing() {
        List<Instrument> current = instruments;
        if (current != null) {
            for (Instrument instrument : current) {
                if (instrument.status().state() == StatusState.INITIALIZING) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isStarted() {
        return runLevelReached && context.getBundle(0).getState() == Bundle.ACTIVE;
    }

    private int frameworkStartLevel() {
        return context.getBundle(0).adapt(FrameworkStartLevel.class).getStartLevel();
    }

    private String version() {
        return context.getBundle().getVersion().toString();
    }

    private static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private static boolean isActive(Bundle bundle) {
        if (isFragment(bundle)) {
            return bundle.getState() == Bundle.RESOLVED;
        }
        return bundle.getState() == Bundle.ACTIVE;
    }

    /**
     * A bundle should be active when it was asked to start and its start level has been reached. A
     * bundle that is only waiting for a lazy activation trigger is fine.
     */
    private static boolean shouldBeActive(Bundle bundle, int frameworkLevel) {
        if (bundle.getBundleId() == 0 || isFragment(bundle) || bundle.getState() == Bundle.STARTING
                || bundle.getState() == Bundle.UNINSTALLED) {
            return false;
        }
        BundleStartLevel startLevel = bundle.adapt(BundleStartLevel.class);
        return startLevel.isPersistentlyStarted() && startLevel.getStartLevel() <= frameworkLevel;
    }

    private String reasonNotActive(Bundle bundle) {
        String reason = failures.reasonFor(bundle.getBundleId());
        if (reason != null) {
            return reason;
        }
        return bundle.getState() == Bundle.INSTALLED ? "not resolved; its requirements are not met (see the log)"
                : "start failed; the reason was not recorded (see the log)";
    }

    private List<ComponentProblem> componentProblems() {
        List<ComponentProblem> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            String bundle = description.bundle.symbolicName;
            if (!scr.isComponentEnabled(description)) {
                if (description.defaultEnabled) {
                    problems.add(new ComponentProblem(bundle, description.name, "disabled", "disabled at runtime"));
                }
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                switch (configuration.state) {
                    case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> problems.add(new ComponentProblem(bundle,
                            description.name, "unsatisfied reference", missingReferences(configuration)));
                    case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> problems.add(new ComponentProblem(
                            bundle, description.name, "unsatisfied configuration",
                            "waiting for configuration " + String.join(", ", description.configurationPid)));
                    case ComponentConfigurationDTO.FAILED_ACTIVATION -> problems.add(new ComponentProblem(bundle,
                            description.name, "failed activation", firstLine(configuration.failure)));
                    default -> {
                    }
                }
            }
        }
        problems.sort(Comparator.comparing(ComponentProblem::bundle).thenComparing(ComponentProblem::component));
        return problems;
    }

    private static String missingReferences(ComponentConfigurationDTO configuration) {
        return Arrays.stream(configuration.unsatisfiedReferences)
                .map(RuntimeStatusService::describe)
                .collect(Collectors.joining("; "));
    }

    private static String describe(UnsatisfiedReferenceDTO reference) {
        return "no " + reference.name + (reference.target == null ? "" : " matching " + reference.target);
    }

    /** SCR's failure text is a whole stack trace; the first line names the exception and its message. */
    private static String firstLine(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        String firstLine = failure.strip().lines().findFirst().orElse(failure);
        // SCR wraps the activator's exception; the cause a person needs is on a "Caused by" line.
        String cause = failure.lines()
                .filter(line -> line.startsWith("Caused by: "))
                .reduce((first, second) -> second)
                .map(line -> line.substring("Caused by: ".length()))
                .orElse(null);
        return cause == null || firstLine.contains(cause) ? firstLine : cause;
    }

    private List<InstrumentSummary> instrumentSummaries() {
        List<Instrument> current = instruments;
        if (current == null) {
            return List.of();
        }
        return current.stream()
                .map(i -> new InstrumentSummary(i.id(), i.vendor(), i.model(), i.status()))
                .sorted(Comparator.comparing(InstrumentSummary::id))
                .toList();
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}
