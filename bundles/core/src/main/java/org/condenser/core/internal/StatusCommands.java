package org.condenser.core.internal;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.runtime.HealthReport;
import org.condenser.api.runtime.RuntimeStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code cnd:status} and {@code cnd:health}: thin shell commands over {@link RuntimeStatus}. */
@Component(service = StatusCommands.class, property = {
    "osgi.command.scope=cnd",
    "osgi.command.function=status",
    "osgi.command.function=health"
})
public final class StatusCommands {

    private final RuntimeStatus runtime;

    @Activate
    public StatusCommands(@Reference RuntimeStatus runtime) {
        this.runtime = runtime;
    }

    @Descriptor("version, uptime, feature set, bundles, components not active and why, instruments")
    public void status() {
        System.out.print(StatusText.status(runtime.snapshot()));
    }

    /**
     * Prints OK, or each problem. An unhealthy node fails the command, so a one-shot
     * {@code java -jar demo.jar cnd:health} exits non-zero.
     */
    @Descriptor("OK, or what is not; fails when the node is not healthy")
    public void health() {
        HealthReport report = runtime.health();
        System.out.print(StatusText.health(report));
        if (!report.healthy()) {
            throw new UnhealthyException(report.problems().size());
        }
    }

    /** Thrown by {@code cnd:health} so scripts see a non-zero exit; the problems are already printed. */
    static final class UnhealthyException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnhealthyException(int problems) {
            super("node is not healthy (" + problems + (problems == 1 ? " problem)" : " problems)"));
        }
    }
}
