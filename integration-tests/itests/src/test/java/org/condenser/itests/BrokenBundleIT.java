package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.runtime.BundleProblem;
import org.condenser.api.runtime.ComponentProblem;
import org.condenser.api.runtime.RuntimeStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** A broken bundle shows in cnd:status with its reason, and everything else keeps running. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class BrokenBundleIT {

    private static final String COMPONENT_FAULT = "detector control unit at 127.0.0.1:6341 refused the connection";
    private static final String ACTIVATOR_FAULT = "libvendor.so: cannot open shared object file";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    RuntimeStatus status;

    @InjectService
    CommandProcessor shell;

    private RuntimeFolders folders;

    @BeforeEach
    void folders() {
        folders = new RuntimeFolders(context);
    }

    @AfterEach
    void cleanUp() throws Exception {
        Files.deleteIfExists(folders.deploy.resolve("broken-driver.jar"));
        Files.deleteIfExists(folders.deploy.resolve("sample-driver.jar"));
        Await.until("the fixtures are gone", () -> bundle("org.condenser.driver.broken") == null
                && bundle("org.condenser.driver.sample") == null);
    }

    @Test
    void componentWhoseActivationThrowsIsReportedWithItsReasonAndOthersRun() throws Exception {
        folders.deploy("org.condenser.itest.brokendriver", "1.0.0", "broken-driver.jar");
        folders.deploy("org.condenser.itest.sampledriver", "1.0.0", "sample-driver.jar");

        Await.until("the broken driver's failure is reported",
                () -> status.snapshot().componentProblems().stream().anyMatch(this::isBrokenDriver),
                () -> status.snapshot().componentProblems().toString());
        Await.until("the sample driver deployed beside it is active",
                () -> bundle("org.condenser.driver.sample") != null
                        && bundle("org.condenser.driver.sample").getState() == Bundle.ACTIVE);

        ComponentProblem problem = status.snapshot().componentProblems().stream().filter(this::isBrokenDriver)
                .findFirst().orElseThrow();
        assertThat(problem.state()).isEqualTo("failed activation");
        assertThat(problem.reason()).contains(COMPONENT_FAULT);
        assertThat(status.snapshot().bundleProblems()).as("the bundle itself started; only its component failed")
                .isEmpty();

        Shell.Result printed = Shell.run(shell, "cnd:status");
        assertThat(printed.failure()).isNull();
        assertThat(printed.output()).contains("BrokenDriver").contains("failed activation").contains(COMPONENT_FAULT);

        Shell.Result health = Shell.run(shell, "cnd:health");
        assertThat(health.output()).startsWith("NOT OK").contains(COMPONENT_FAULT);
        assertThat(health.failure()).as("cnd:health fails when the node is not healthy").isNotNull();
    }

    @Test
    void bundleWhoseActivatorThrowsIsReportedWithItsReasonAndOthersRun() throws Exception {
        FrameworkStartLevel framework = context.getBundle(0).adapt(FrameworkStartLevel.class);
        int runLevel = framework.getStartLevel();
        Bundle broken;
        try (InputStream in = Files.newInputStream(folders.fixture("org.condenser.itest.brokenactivator"))) {
            broken = context.installBundle("itest:broken-activator", in);
        }
        try {
            // Started as the launcher starts bundles: by raising the start level, not by a direct call.
            broken.adapt(BundleStartLevel.class).setStartLevel(runLevel + 1);
            broken.start();
            framework.setStartLevel(runLevel + 1);

            Await.until("the activator's failure is reported",
                    () -> status.snapshot().bundleProblems().stream()
                            .anyMatch(p -> p.id() == broken.getBundleId() && p.reason().contains(ACTIVATOR_FAULT)),
                    () -> status.snapshot().bundleProblems().toString());
            BundleProblem problem = status.snapshot().bundleProblems().stream()
                    .filter(p -> p.id() == broken.getBundleId()).findFirst().orElseThrow();
            assertThat(problem.symbolicName()).isEqualTo("org.condenser.driver.brokenactivator");
            assertThat(problem.state()).isEqualTo("RESOLVED");
            assertThat(problem.reason()).contains(ACTIVATOR_FAULT);

            for (Bundle other : context.getBundles()) {
                if (other != broken && other.getBundleId() != 0 && other.getHeaders().get("Fragment-Host") == null
                        && other.adapt(BundleStartLevel.class).getStartLevel() <= runLevel) {
                    assertThat(other.getState()).as(other.getSymbolicName() + " still active").isEqualTo(Bundle.ACTIVE);
                }
            }
            assertThat(Shell.run(shell, "cnd:status").output()).contains("org.condenser.driver.brokenactivator")
                    .contains(ACTIVATOR_FAULT);
        } finally {
            framework.setStartLevel(runLevel);
            broken.uninstall();
        }
    }

    private boolean isBrokenDriver(ComponentProblem problem) {
        return problem.bundle().equals("org.condenser.driver.broken");
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }
}
