package org.condenser.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingLogFileTest {

    @TempDir
    Path dir;

    @Test
    void rollsOverAtTheSizeAndKeepsOnlyTheNewestFiles() throws Exception {
        Path log = dir.resolve("logs/condenser.log");
        try (RollingLogFile file = new RollingLogFile(log, 100, 2)) {
            for (int i = 0; i < 10; i++) {
                file.write(String.format("entry %02d %s%n", i, "x".repeat(30)));
            }
        }
        assertTrue(Files.size(log) <= 100);
        assertTrue(Files.readString(log).contains("entry 09"), "the newest entry is in the current file");
        assertTrue(Files.exists(dir.resolve("logs/condenser.log.1")));
        assertTrue(Files.exists(dir.resolve("logs/condenser.log.2")));
        assertFalse(Files.exists(dir.resolve("logs/condenser.log.3")), "no more than two rolled files are kept");
    }

    @Test
    void appendsToAnExistingFileAcrossRestarts() throws Exception {
        Path log = dir.resolve("condenser.log");
        try (RollingLogFile file = new RollingLogFile(log, 1 << 20, 1)) {
            file.write("first run\n");
        }
        try (RollingLogFile file = new RollingLogFile(log, 1 << 20, 1)) {
            file.write("second run\n");
        }
        assertEquals("first run\nsecond run\n", Files.readString(log));
    }
}
