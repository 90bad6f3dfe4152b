package org.condenser.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.StatusDetail;
import org.condenser.api.runtime.BundleProblem;
import org.condenser.api.runtime.ComponentProblem;
import org.condenser.api.runtime.HealthReport;
import org.condenser.api.runtime.InstrumentSummary;
import org.condenser.api.runtime.NodeStatus;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    @Test
    void statusListsEveryProblemWithItsReason() {
        NodeStatus status = new NodeStatus("0.1.0", "demo", Path.of("/srv/condenser"), Instant.EPOCH,
                Duration.ofSeconds(3725), true, 14, 16,
                List.of(new BundleProblem(21, "com.vendor.driver", "2.1.0", "RESOLVED",
                        "UnsatisfiedLinkError: libvendor.so")),
                List.of(new ComponentProblem("org.condenser.driver.nion", "NionDriver", "unsatisfied reference",
                        "no keys")),
                List.of(new InstrumentSummary("nion-1", "Nion", "UltraSTEM 100",
                        InstrumentStatus.offline(StatusDetail.COMMUNICATION_ERROR, "connection refused"))));
        String text = StatusText.status(status);
        assertTrue(text.startsWith("Condenser 0.1.0 — feature set demo\n"));
        assertTrue(text.contains("uptime       0d 01h 02m 05s"), text);
        assertTrue(text.contains("bundles      14 active of 16"), text);
        assertTrue(text.contains("21   com.vendor.driver 2.1.0  RESOLVED: UnsatisfiedLinkError: libvendor.so"), text);
        assertTrue(text.contains("NionDriver (org.condenser.driver.nion)  unsatisfied reference: no keys"), text);
        assertTrue(text.contains("OFFLINE / COMMUNICATION_ERROR: connection refused"), text);
    }

    @Test
    void healthIsOkOrOneLinePerProblem() {
        assertEquals("OK\n", StatusText.health(new HealthReport(List.of())));
        assertEquals("NOT OK: 2 problems\n  - a\n  - b\n", StatusText.health(new HealthReport(List.of("a", "b"))));
        assertEquals("NOT OK: 1 problem\n  - a\n", StatusText.health(new HealthReport(List.of("a"))));
    }

    @Test
    void startFailuresAreDescribedByTheirInnermostCause() {
        Exception wrapped = new Exception("Activator start error in bundle x [29].",
                new UnsatisfiedLinkError("libvendor.so: cannot open shared object file"));
        assertEquals("Activator start error in bundle x [29]. (UnsatisfiedLinkError: libvendor.so: cannot open "
                + "shared object file)", BundleStartFailures.describe(wrapped));
        assertEquals("no reason given", BundleStartFailures.describe(null));
    }
}
