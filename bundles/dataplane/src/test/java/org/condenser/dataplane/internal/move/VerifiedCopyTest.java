package org.condenser.dataplane.internal.move;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedCopyTest {

    @TempDir
    Path folder;

    private Path source(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new SplittableRandom(size).nextBytes(data);
        return Files.write(Files.createDirectories(folder.resolve("src")).resolve(name), data);
    }

    @Test
    void aCopyIsWholeVerifiedAndTheSourceUntouched() throws Exception {
        Path source = source("scan.emd", 9 << 20);
        byte[] before = Files.readAllBytes(source);
        AtomicLong progress = new AtomicLong();
        Delivery result = VerifiedCopy.copy(source, folder.resolve("dst/scan.emd"), progress::set);
        assertArrayEquals(before, Files.readAllBytes(folder.resolve("dst/scan.emd")));
        assertArrayEquals(before, Files.readAllBytes(source));
        assertEquals(9 << 20, progress.get());
        assertEquals(9 << 20, result.bytes());
        assertEquals(xxhsum(source), result.xxh64(), "the same checksum as xxhsum -H64");
        try (var listing = Files.list(folder.resolve("dst"))) {
            assertEquals(1, listing.count(), "no temporary left behind");
        }
    }

    @Test
    void theSameBytesAlreadyInPlaceCountAsDeliveredAndOtherBytesAreNeverOverwritten() throws Exception {
        Path source = source("a.dat", 1000);
        Path target = folder.resolve("dst/a.dat");
        VerifiedCopy.copy(source, target, n -> { });
        assertTrue(VerifiedCopy.copy(source, target, n -> { }).alreadyThere());

        Files.writeString(target, "someone else's file");
        IOException clash = assertThrows(IOException.class, () -> VerifiedCopy.copy(source, target, n -> { }));
        assertEquals("the destination " + target + " already exists with other content; " + source
                + " is left where it is", clash.getMessage());
        assertEquals("someone else's file", Files.readString(target));
    }

    @Test
    void aMissingSourceIsNamed() throws Exception {
        Path missing = folder.resolve("src/gone.dat");
        assertEquals("the source " + missing + " does not exist (any more)",
                assertThrows(IOException.class, () -> VerifiedCopy.copy(missing, folder.resolve("dst/gone.dat"), n -> { }))
                        .getMessage());

    }

    @Test
    void aSourceThatVanishesOrShrinksMidCopyIsNamedAndNoCopyIsLeft() throws Exception {
        Path vanishing = source("vanishing.dat", 12 << 20);
        Path target = folder.resolve("dst/vanishing.dat");
        IOException gone = assertThrows(IOException.class, () -> VerifiedCopy.copy(vanishing, target, copied -> {
            if (copied >= 4 << 20) {
                deleteQuietly(vanishing);
            }
        }));
        assertTrue(gone.getMessage().startsWith("the source " + vanishing + " changed or vanished while it was copied"),
                gone.getMessage());

        Path shrinking = source("shrinking.dat", 12 << 20);
        IOException cut = assertThrows(IOException.class,
                () -> VerifiedCopy.copy(shrinking, folder.resolve("dst/shrinking.dat"), copied -> {
                    if (copied >= 4 << 20) {
                        try (var channel = java.nio.channels.FileChannel.open(shrinking,
                                java.nio.file.StandardOpenOption.WRITE)) {
                            channel.truncate(5 << 20);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }));
        assertTrue(cut.getMessage().startsWith("the source " + shrinking + " changed or vanished"), cut.getMessage());
        try (var listing = Files.list(folder.resolve("dst"))) {
            assertEquals(0, listing.count(), "neither a copy nor a temporary is left");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aFullOrReadOnlyDestinationIsNamedAndLeavesNothingBehind() throws Exception {
        Path source = source("e.dat", 3 << 20);
        Path full = mount("full", "size=1m");
        try {
            IOException e = assertThrows(IOException.class, () -> VerifiedCopy.copy(source, full.resolve("e.dat"), n -> { }));
            assertEquals("the destination " + full + " is full; " + source + " is left where it is", e.getMessage());
            try (var listing = Files.list(full)) {
                assertEquals(0, listing.count(), "the partial copy was removed");
            }
        } finally {
            unmount(full);
        }
        Path readOnly = mount("read-only", "ro,size=1m");
        try {
            IOException e = assertThrows(IOException.class,
                    () -> VerifiedCopy.copy(source, readOnly.resolve("e.dat"), n -> { }));
            assertEquals("cannot write to " + readOnly + " (read-only or not permitted); " + source + " is left where it is",
                    e.getMessage());
        } finally {
            unmount(readOnly);
        }
        assertEquals(3 << 20, Files.size(source));
    }

    /** A small tmpfs, the honest way to get a full or read-only file system; skipped, visibly, where mounting is not allowed. */
    private Path mount(String name, String options) throws Exception {
        Path point = Files.createDirectories(folder.resolve(name));
        Process process = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", point.toString())
                .redirectErrorStream(true).start();
        boolean mounted = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        org.junit.jupiter.api.Assumptions.assumeTrue(mounted,
                "cannot mount a tmpfs here (needs root): " + new String(process.getInputStream().readAllBytes()).strip());
        return point;
    }

    private static void unmount(Path point) throws Exception {
        new ProcessBuilder("umount", point.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }

    private static String xxhsum(Path file) throws Exception {
        String output = ExternalTools.run("xxhsum", "-H64", file.toString());
        assertFalse(output.isEmpty());
        return output.split("\\s+")[0];
    }
}
