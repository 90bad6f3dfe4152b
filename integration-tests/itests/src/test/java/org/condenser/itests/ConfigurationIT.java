package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * conf/*.cfg configures running components, and an edit re-applies with no restart. The log
 * writer is the component under test: where it writes is visible from outside.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ConfigurationIT {

    private static final String PID_FILE = "org.condenser.core.log.cfg";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    LoggerFactory loggers;

    private String original;

    @AfterEach
    void restore() throws Exception {
        if (original != null) {
            Files.writeString(new RuntimeFolders(context).conf.resolve(PID_FILE), original);
        }
    }

    @Test
    void defaultConfigurationIsSeededAndAnEditReappliesToTheRunningComponent() throws Exception {
        RuntimeFolders folders = new RuntimeFolders(context);
        Path cfg = folders.conf.resolve(PID_FILE);
        assertThat(cfg).as("a new home gets the default configuration").exists();
        original = Files.readString(cfg);

        Logger log = loggers.getLogger(ConfigurationIT.class);
        String before = "before the edit " + UUID.randomUUID();
        log.info(before);
        Path defaultLog = folders.home.resolve("logs/condenser.log");
        Await.until("the default log file has the entry", () -> contains(defaultLog, before));

        Files.writeString(cfg, original.replace("file = logs/condenser.log", "file = logs/edited.log"));
        Path edited = folders.home.resolve("logs/edited.log");
        // Every entry is tagged; once one lands in the new file, the edit has been applied.
        Await.until("the log writer follows the edited file setting", () -> {
            String marker = "after the edit " + UUID.randomUUID();
            log.info(marker);
            return contains(edited, marker);
        });
        String after = "only in the new file " + UUID.randomUUID();
        log.info(after);
        Await.until("the new entry is in the new file", () -> contains(edited, after));
        assertThat(contains(defaultLog, after)).as("the old file no longer receives entries").isFalse();
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
