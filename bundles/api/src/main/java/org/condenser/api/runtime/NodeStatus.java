package org.condenser.api.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one Condenser runtime.
 *
 * @param version the runtime's version
 * @param featureSet the feature list it was built from, such as {@code demo}
 * @param home the runtime's home folder (conf/, deploy/, logs/)
 * @param startedAt when the process started
 * @param uptime how long it has run
 * @param started whether the framework has finished starting
 * @param bundlesActive bundles in the ACTIVE state (fragments count as active once resolved)
 * @param bundlesTotal bundles installed
 * @param bundleProblems bundles that should be active and are not
 * @param componentProblems components that are not active, with the reason
 * @param instruments every instrument and its status
 */
public record NodeStatus(String version, String featureSet, Path home, Instant startedAt, Duration uptime,
        boolean started, int bundlesActive, int bundlesTotal, List<BundleProblem> bundleProblems,
        List<ComponentProblem> componentProblems, List<InstrumentSummary> instruments) {

    public NodeStatus {
        bundleProblems = List.copyOf(bundleProblems);
        componentProblems = List.copyOf(componentProblems);
        instruments = List.copyOf(instruments);
    }
}
