package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.runtime.NodeStatus;
import org.condenser.api.runtime.RuntimeStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** cnd:status and cnd:health on a healthy runtime, as an operator reads them. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class StatusCommandsIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    RuntimeStatus status;

    @InjectService
    CommandProcessor shell;

    @Test
    void statusNamesVersionFeatureSetUptimeAndBundleCounts() throws Exception {
        Await.until("the runtime has started", () -> status.snapshot().started());
        NodeStatus snapshot = status.snapshot();
        assertThat(snapshot.featureSet()).isEqualTo("itest");
        assertThat(snapshot.bundlesTotal()).isEqualTo(context.getBundles().length);
        assertThat(snapshot.bundlesActive()).isEqualTo(snapshot.bundlesTotal());

        Shell.Result printed = Shell.run(shell, "cnd:status");
        assertThat(printed.failure()).isNull();
        assertThat(printed.output())
                .contains("Condenser " + snapshot.version())
                .contains("feature set itest")
                .contains("uptime")
                .contains("bundles      " + snapshot.bundlesActive() + " active of " + snapshot.bundlesTotal())
                .contains("components   all satisfied")
                .contains("sim-stem");
    }

    @Test
    void healthIsOkOnAHealthyRuntime() throws Exception {
        assertThat(status.awaitStarted(java.time.Duration.ofSeconds(30))).as("started").isTrue();
        Shell.Result health = Shell.run(shell, "cnd:health");
        assertThat(health.failure()).isNull();
        assertThat(health.output()).isEqualTo("OK\n");
        assertThat(status.health().healthy()).isTrue();
    }
}
