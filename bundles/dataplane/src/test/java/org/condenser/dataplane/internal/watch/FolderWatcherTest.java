package org.condenser.dataplane.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.api.data.FileEvents;
import org.condenser.testing.ExternalTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

class FolderWatcherTest {

    @TempDir
    Path home;

    private final AtomicLong clock = new AtomicLong();
    private final List<Event> announced = new ArrayList<>();
    private final List<FolderWatcher> watchers = new ArrayList<>();
    private final EventAdmin events = new EventAdmin() {
        @Override
        public void postEvent(Event event) {
            throw new AssertionError("the watcher must deliver synchronously");
        }

        @Override
        public void sendEvent(Event event) {
            announced.add(event);
        }
    };
    private final Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] { Logger.class }, (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);

    @AfterEach
    void stop() throws IOException {
        for (FolderWatcher watcher : watchers) {
            watcher.deactivate();
        }
    }

    private FolderWatcher watcher(Map<String, Object> settings) throws IOException {
        Map<String, Object> values = new HashMap<>(Map.of("name", "acq", "folder", "incoming"));
        values.putAll(settings);
        WatchConfig config = (WatchConfig) Proxy.newProxyInstance(WatchConfig.class.getClassLoader(),
                new Class<?>[] { WatchConfig.class },
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
        FolderWatcher watcher = new FolderWatcher(config, home, events, log, clock::get, false);
        watchers.add(watcher);
        return watcher;
    }

    private Path incoming() throws IOException {
        return Files.createDirectories(home.resolve("incoming"));
    }

    private void later(double seconds) {
        clock.addAndGet((long) (seconds * 1e9));
    }

    private List<String> announcedNames() {
        List<String> names = new ArrayList<>();
        announced.forEach(e -> names.add(Path.of((String) e.getProperty(FileEvents.PATH)).getFileName().toString()));
        return names;
    }

    @Test
    void aFileIsAnnouncedOnceAfterItStopsChanging() throws Exception {
        FolderWatcher watcher = watcher(Map.of("patterns", "*.dat, *.txt"));
        Path file = incoming().resolve("scan-001.dat");
        Files.writeString(file, "first half");
        Files.writeString(incoming().resolve("notes.log"), "not matched");
        Files.writeString(incoming().resolve(".scan-002.dat.part"), "a writer's temporary");
        watcher.poll();
        assertEquals(1, watcher.pending().size());
        assertTrue(watcher.pending().get(0).waitingFor().startsWith("size and time to stay unchanged"));

        later(1.5);
        Files.writeString(file, "first half, second half", StandardOpenOption.APPEND);
        watcher.poll();
        later(1.5);
        watcher.poll();
        assertTrue(announced.isEmpty(), "it changed 1.5 s ago: not yet stable for 2 s");

        later(1);
        watcher.poll();
        assertEquals(List.of("scan-001.dat"), announcedNames());
        Event event = announced.get(0);
        assertEquals(Files.size(file), event.getProperty(FileEvents.SIZE));
        assertEquals("acq", event.getProperty(FileEvents.WATCHER));

        later(10);
        watcher.poll();
        assertEquals(1, announced.size(), "announced once");
        assertEquals(1, watcher.completedCount());
    }

    @Test
    void aRestartNeitherRepeatsNorSkips() throws Exception {
        Path done = incoming().resolve("done.dat");
        Files.writeString(done, "x");
        FolderWatcher first = watcher(Map.of("stableSeconds", 0.0));
        first.poll();
        assertEquals(List.of("done.dat"), announcedNames());
        first.deactivate();
        watchers.remove(first);

        // Written while the runtime was down.
        Files.writeString(incoming().resolve("while-down.dat"), "y");
        announced.clear();
        FolderWatcher second = watcher(Map.of("stableSeconds", 0.0));
        second.announceUnannounced();
        second.poll();
        assertEquals(List.of("while-down.dat"), announcedNames());

        // A new version of an announced file (rewritten, so a new size) is a new file to announce.
        Files.writeString(done, "x, again");
        announced.clear();
        second.poll();
        assertEquals(List.of("done.dat"), announcedNames());
    }

    @Test
    void aCompletionTheCrashInterruptedIsAnnouncedAgainAndACutLineIgnored() throws Exception {
        Path file = incoming().resolve("interrupted.dat");
        Files.writeString(file, "data");
        Path journal = home.resolve("journal/watch-acq.log");
        Files.createDirectories(journal.getParent());
        long modified = Files.getLastModifiedTime(file).toMillis();
        // kill -9 between COMPLETED and ANNOUNCED, and in the middle of writing the next line.
        Files.writeString(journal, "COMPLETED\t4\t" + modified + "\t" + file + "\nANNOUNCED\t4\t" + modified + "\t/inco");
        FolderWatcher watcher = watcher(Map.of("stableSeconds", 0.0));
        watcher.announceUnannounced();
        watcher.poll();
        assertEquals(List.of("interrupted.dat"), announcedNames());
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        assertTrue(lines.get(lines.size() - 1).startsWith("ANNOUNCED\t4\t"), lines.toString());
    }

    @Test
    void markerModeWaitsForTheWritersMarker() throws Exception {
        FolderWatcher watcher = watcher(Map.of("mode", CompletionMode.MARKER, "recursive", true));
        Path file = Files.createDirectories(incoming().resolve("session-7")).resolve("frames.raw");
        Files.writeString(file, "frames");
        later(60);
        watcher.poll();
        assertTrue(announced.isEmpty());
        assertEquals("its marker frames.raw.done", watcher.pending().get(0).waitingFor());
        Files.writeString(file.resolveSibling("frames.raw.done"), "");
        watcher.poll();
        assertEquals(List.of("frames.raw"), announcedNames());
    }

    @Test
    void anHdf5FileIsCompleteOnlyWhenItsSuperblockAccountsForIt() throws Exception {
        FolderWatcher watcher = watcher(Map.of("patterns", "*.h5", "stableSeconds", 0.0));
        Path whole = home.resolve("whole.h5");
        ExternalTools.python("""
                import sys, h5py, numpy
                with h5py.File(sys.argv[1], 'w') as f:
                    f.create_dataset('frames', data=numpy.arange(100000, dtype='u2'))
                """, whole.toString());
        assertNull(Hdf5Superblock.incomplete(whole));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = incoming().resolve("cut.h5");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        watcher.poll();
        assertTrue(announced.isEmpty());
        assertEquals("a whole HDF5 file: its superblock says " + bytes.length + " bytes but the file has "
                + bytes.length / 2, watcher.pending().get(0).waitingFor());
        Files.write(cut, bytes);
        watcher.poll();
        assertEquals(List.of("cut.h5"), announcedNames());
        Path text = home.resolve("not.h5");
        Files.writeString(text, "x".repeat(2000));
        assertEquals("no HDF5 superblock found", Hdf5Superblock.incomplete(text));
    }

    @Test
    void aMissingFolderIsAProblemNamedUntilItAppears() throws Exception {
        FolderWatcher watcher = watcher(Map.of("stableSeconds", 0.0));
        watcher.poll();
        assertEquals("the folder " + home.resolve("incoming") + " does not exist", watcher.problem());
        Files.writeString(incoming().resolve("a.dat"), "a");
        watcher.poll();
        assertEquals("", watcher.problem());
        assertEquals(List.of("a.dat"), announcedNames());
    }

    @Test
    void aLocalDropFolderCanBeMadeWhenMissing() throws Exception {
        FolderWatcher watcher = watcher(Map.of("stableSeconds", 0.0, "createFolder", true));
        assertTrue(Files.isDirectory(home.resolve("incoming")));
        watcher.poll();
        assertEquals("", watcher.problem());
    }
}
