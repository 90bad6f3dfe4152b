package org.condenser.core.internal;

import java.time.Duration;

import org.condenser.api.runtime.BundleProblem;
import org.condenser.api.runtime.ComponentProblem;
import org.condenser.api.runtime.HealthReport;
import org.condenser.api.runtime.InstrumentSummary;
import org.condenser.api.runtime.NodeStatus;

/** Renders the runtime status as the text the shell prints. */
final class StatusText {

    private StatusText() {
    }

    static String status(NodeStatus s) {
        StringBuilder out = new StringBuilder();
        out.append("Condenser ").append(s.version()).append(" — feature set ").append(s.featureSet()).append('\n');
        row(out, "home", s.home().toString());
        row(out, "uptime", uptime(s.uptime()) + (s.started() ? "" : " (still starting)"));
        row(out, "bundles", s.bundlesActive() + " active of " + s.bundlesTotal());
        for (BundleProblem p : s.bundleProblems()) {
            out.append(String.format("    %-4d %s %s  %s: %s%n", p.id(), p.symbolicName(), p.version(), p.state(),
                    p.reason()));
        }
        row(out, "components", s.componentProblems().isEmpty() ? "all satisfied"
                : s.componentProblems().size() + " not active");
        for (ComponentProblem p : s.componentProblems()) {
            out.append(String.format("    %s (%s)  %s: %s%n", p.component(), p.bundle(), p.state(), p.reason()));
        }
        row(out, "instruments", s.instruments().isEmpty() ? "none" : Integer.toString(s.instruments().size()));
        for (InstrumentSummary i : s.instruments()) {
            out.append(String.format("    %-16s %-12s %-20s %s%n", i.id(), i.vendor(), i.model(), i.status()));
        }
        return out.toString();
    }

    static String health(HealthReport report) {
        if (report.healthy()) {
            return "OK\n";
        }
        StringBuilder out = new StringBuilder();
        out.append("NOT OK: ").append(report.problems().size()).append(report.problems().size() == 1 ? " problem"
                : " problems").append('\n');
        report.problems().forEach(p -> out.append("  - ").append(p).append('\n'));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format("  %-12s %s%n", name, value));
    }

    static String uptime(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format("%.1f s", d.toMillis() / 1000.0);
        }
        return String.format("%dd %02dh %02dm %02ds", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60,
                seconds % 60);
    }
}
