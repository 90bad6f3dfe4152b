package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A vendor's driver bundle is installed, updated and removed by dropping it into, replacing it in
 * and deleting it from the watched deploy/ folder of a running runtime, with no restart.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class HotSwapIT {

    private static final String DRIVER = "org.condenser.driver.sample";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    DriverWatcher watcher;

    private RuntimeFolders folders;
    private final List<String> othersStopped = new CopyOnWriteArrayList<>();
    private final BundleListener stopWatcher = event -> {
        if (event.getType() == BundleEvent.STOPPED && !DRIVER.equals(event.getBundle().getSymbolicName())) {
            othersStopped.add(event.getBundle().getSymbolicName());
        }
    };

    @BeforeEach
    void watchOtherBundles() {
        folders = new RuntimeFolders(context);
        context.addBundleListener(stopWatcher);
    }

    @AfterEach
    void removeDriver() throws Exception {
        context.removeBundleListener(stopWatcher);
        Files.deleteIfExists(folders.deploy.resolve("sample-driver.jar"));
        Await.until("the sample driver is uninstalled", () -> driverBundle() == null);
    }

    @Test
    void driverDroppedReplacedAndDeletedIsSeenAsV1ThenV2ThenNone() throws Exception {
        Map<Long, Long> othersBefore = otherBundlesLastModified();

        Path jar = folders.deploy("org.condenser.itest.sampledriver", "1.0.0", "sample-driver.jar");
        Await.until("the consumer holds driver 1.0.0", () -> "sample driver 1.0.0".equals(watcher.currentModel()),
                () -> watcher.boundModels().toString());

        folders.deploy("org.condenser.itest.sampledriver", "2.0.0", "sample-driver.jar");
        Await.until("the consumer holds driver 2.0.0", () -> "sample driver 2.0.0".equals(watcher.currentModel()),
                () -> watcher.boundModels().toString());
        Bundle updated = driverBundle();
        assertThat(updated.getVersion().toString()).isEqualTo("2.0.0");
        assertThat(context.getBundles()).filteredOn(b -> DRIVER.equals(b.getSymbolicName()))
                .as("an update replaces the bundle; it does not install a second one").hasSize(1);

        Files.delete(jar);
        Await.until("the consumer holds no driver", () -> watcher.currentModel() == null, () -> watcher.boundModels().toString());
        Await.until("the sample driver is uninstalled", () -> driverBundle() == null);

        assertThat(watcher.boundModels()).endsWith("sample driver 1.0.0", "sample driver 2.0.0");
        assertThat(othersStopped).as("bundles stopped while the driver was swapped").isEmpty();
        assertThat(otherBundlesLastModified()).as("no other bundle was updated or reinstalled")
                .isEqualTo(othersBefore);
    }

    private Bundle driverBundle() {
        for (Bundle bundle : context.getBundles()) {
            if (DRIVER.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }

    private Map<Long, Long> otherBundlesLastModified() {
        Map<Long, Long> seen = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (!DRIVER.equals(bundle.getSymbolicName())) {
                seen.put(bundle.getBundleId(), bundle.getLastModified());
            }
        }
        return seen;
    }
}
