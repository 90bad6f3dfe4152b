package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;

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

        AtomicReference<ComponentProblem> reported = new AtomicReference<>();
        Await.until("the broken driver's failed activation is reported",
                () -> status.snapshot().componentProblems().stream().filter(this::isBrokenDriver)
                        .filter(found -> "failed activation".equals(found.state())).findFirst()
                        .map(found -> {
                            reported.set(found);
                            return true;
                        }).orElse(false),
                () -> status.snapshot().componentProblems().toString());
        Await.until("the sample driver deployed beside it is active",
                () -> bundle("org.condenser.driver.sample") != null
                        && bundle("org.condenser.driver.sample").getState() == Bundle.ACTIVE);

        ComponentProblem problem = reported.get();
        assertThat(problem.state()).isEqualTo("failed activation");
        assertThat(problem.reason()).contains(COMPONENT_FAULT);
        assertThat(status.snapshot().bundleProblems()).as("the bundle itself started; only its component failed")
                .isEmpty();

        // The instrument registry asks for every driver, and each ask makes SCR try the broken component
        // again: for a moment it is activating rather than failed, so wait for what an operator would see.
        Shell.Result[] printed = new Shell.Result[1];
        Await.until("cnd:status shows the failure", () -> {
            printed[0] = Shell.run(shell, "cnd:status");
            return printed[0].failure() == null && printed[0].output().contains("failed activation");
        }, () -> printed[0].output());
        assertThat(printed[0].output()).contains("BrokenDriver").contains(COMPONENT_FAULT);

        Shell.Result[] health = new Shell.Result[1];
        Await.until("cnd:health reports the failure", () -> {
            health[0] = Shell.run(shell, "cnd:health");
            return health[0].output().startsWith("NOT OK");
        }, () -> health[0].output());
        assertThat(health[0].output()).contains(COMPONENT_FAULT);
        assertThat(health[0].failure()).as("cnd:health fails when the node is not healthy").isNotNull();
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
