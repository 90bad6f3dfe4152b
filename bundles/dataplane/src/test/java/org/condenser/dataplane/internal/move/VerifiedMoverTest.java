package org.condenser.dataplane.internal.move;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.condenser.api.data.FileEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.log.Logger;

class VerifiedMoverTest {

    @TempDir
    Path home;

    private final List<VerifiedMover> movers = new ArrayList<>();
    private final Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] { Logger.class }, (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);

    @AfterEach
    void stop() throws IOException {
        for (VerifiedMover mover : movers) {
            mover.deactivate();
        }
    }

    private VerifiedMover mover(Map<String, Object> settings) throws IOException {
        Map<String, Object> values = new HashMap<>(Map.of("name", "nas", "destination", "nas", "watcher", "acq"));
        values.putAll(settings);
        MoveConfig config = (MoveConfig) Proxy.newProxyInstance(MoveConfig.class.getClassLoader(),
                new Class<?>[] { MoveConfig.class }, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
        VerifiedMover mover = new VerifiedMover(config, home, log);
        movers.add(mover);
        return mover;
    }

    private Path file(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new SplittableRandom(name.hashCode()).nextBytes(data);
        return Files.write(Files.createDirectories(home.resolve("incoming")).resolve(name), data);
    }

    private static Event completed(Path file, String watcher) throws IOException {
        return new Event(FileEvents.COMPLETED, Map.of(FileEvents.PATH, file.toString(), FileEvents.SIZE, Files.size(file),
                FileEvents.MODIFIED, Files.getLastModifiedTime(file).toMillis(), FileEvents.WATCHER, watcher));
    }

    private static void awaitIdle(VerifiedMover mover) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!mover.idle()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the mover did not finish");
            }
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    @Test
    void announcedFilesArriveVerifiedOnceEachAndOthersWatchersAreIgnored() throws Exception {
        VerifiedMover mover = mover(Map.of("parallel", 3));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            files.add(file("frame-" + i + ".dat", 100_000 + i * 5000));
        }
        for (Path file : files) {
            mover.handleEvent(completed(file, "acq"));
            mover.handleEvent(completed(file, "acq"));
        }
        Path other = file("other.dat", 10);
        mover.handleEvent(completed(other, "another-watcher"));
        awaitIdle(mover);

        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(home.resolve("nas").resolve(file.getFileName())));
        }
        assertTrue(Files.notExists(home.resolve("nas/other.dat")));
        assertEquals(8, mover.done().size(), "each once, though announced twice");
        assertTrue(mover.failed().isEmpty());
        assertTrue(mover.done().get(0).megabytesPerSecond() > 0);
        List<String> journal = Files.readAllLines(home.resolve("journal/move-nas.log"), StandardCharsets.UTF_8);
        assertEquals(8, journal.stream().filter(l -> l.startsWith("DONE\t")).count());
    }

    @Test
    void aRestartFinishesWhatWasQueuedWithoutDuplicatingWhatArrived() throws Exception {
        Path delivered = file("delivered.dat", 50_000);
        Path interrupted = file("interrupted.dat", 70_000);
        Files.createDirectories(home.resolve("nas"));
        // The crash came after delivered.dat's rename but before its DONE line; interrupted.dat left a part file.
        Files.copy(delivered, home.resolve("nas/delivered.dat"));
        Files.write(home.resolve("nas/.interrupted.dat.part"), new byte[1234]);
        Files.createDirectories(home.resolve("journal"));
        StringBuilder lines = new StringBuilder();
        for (Path file : List.of(delivered, interrupted)) {
            lines.append("QUEUED\t").append(Files.size(file)).append('\t')
                    .append(Files.getLastModifiedTime(file).toMillis()).append("\t-\t").append(file).append('\n');
        }
        Files.writeString(home.resolve("journal/move-nas.log"), lines + "DONE\t70");

        VerifiedMover mover = mover(Map.of());
        awaitIdle(mover);
        assertEquals(2, mover.done().size());
        assertArrayEquals(Files.readAllBytes(interrupted), Files.readAllBytes(home.resolve("nas/interrupted.dat")));
        assertArrayEquals(Files.readAllBytes(delivered), Files.readAllBytes(home.resolve("nas/delivered.dat")));
        try (var listing = Files.list(home.resolve("nas"))) {
            assertEquals(2, listing.count(), "no part files and no duplicates");
        }
    }

    @Test
    void aFailureIsRecordedWithItsReasonAndTheSourceKept() throws Exception {
        VerifiedMover mover = mover(Map.of("deleteSource", true));
        Path kept = file("kept.dat", 1000);
        Files.createDirectories(home.resolve("nas"));
        Files.writeString(home.resolve("nas/kept.dat"), "a different file of the same name");
        mover.handleEvent(completed(kept, "acq"));
        Path vanished = file("vanished.dat", 1000);
        Event event = completed(vanished, "acq");
        Files.delete(vanished);
        mover.handleEvent(event);
        Path moved = file("moved.dat", 1000);
        byte[] bytes = Files.readAllBytes(moved);
        mover.handleEvent(completed(moved, "acq"));
        awaitIdle(mover);

        assertEquals(2, mover.failed().size());
        assertTrue(mover.failed().stream().anyMatch(f -> f.failure().equals("the destination " + home.resolve("nas/kept.dat")
                + " already exists with other content; " + kept + " is left where it is")));
        assertTrue(mover.failed().stream().anyMatch(f -> f.failure().equals("the source " + vanished
                + " does not exist (any more)")));
        assertTrue(Files.exists(kept), "a source whose copy failed is never deleted");
        assertTrue(Files.notExists(moved), "deleteSource: removed once its verified copy is in place");
        assertArrayEquals(bytes, Files.readAllBytes(home.resolve("nas/moved.dat")));
    }
}
