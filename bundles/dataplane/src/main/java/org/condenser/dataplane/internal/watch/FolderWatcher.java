package org.condenser.dataplane.internal.watch;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.condenser.api.data.FileEvents;
import org.condenser.api.runtime.RuntimeHome;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Watches one acquisition folder by polling (which works on NAS mounts, where change notification
 * does not), decides when each matching file is complete, and announces it once on Event Admin
 * ({@link FileEvents#COMPLETED}), keeping a journal so a restart neither repeats nor skips one.
 */
@Component(service = FolderWatcher.class, immediate = true, configurationPid = WatchConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WatchConfig.class, factory = true)
public final class FolderWatcher {

    /** A file seen but not yet complete. */
    record Pending(Path path, long size, long modified, long unchangedSinceNanos, String waitingFor) {
    }

    /** A file announced as complete. */
    record Completed(Path path, long size, Instant at) {
    }

    private static final int RECENT = 50;

    private final String name;
    private final Path folder;
    private final List<String> patterns;
    private final List<PathMatcher> matchers = new ArrayList<>();
    private final boolean recursive;
    private final CompletionMode mode;
    private final long stableNanos;
    private final String markerSuffix;
    private final EventAdmin events;
    private final Logger log;
    private final WatchJournal journal;
    private final ScheduledExecutorService executor;
    private final LongSupplier clock;
    private final Map<Path, Pending> pending = new LinkedHashMap<>();
    private final Deque<Completed> recent = new ArrayDeque<>();
    private volatile String problem = "";

    @Activate
    public FolderWatcher(WatchConfig config, BundleContext context, @Reference EventAdmin events,
            @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this(config, RuntimeHome.of(context::getProperty), events, log, System::nanoTime, true);
    }

    FolderWatcher(WatchConfig config, Path home, EventAdmin events, Logger log, LongSupplier clock, boolean schedule)
            throws IOException {
        this.name = config.name();
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("watcher name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        if (config.folder() == null || config.folder().isBlank()) {
            throw new IllegalArgumentException("watcher " + name + " names no folder");
        }
        Path configured = Path.of(config.folder());
        this.folder = (configured.isAbsolute() ? configured : home.resolve(configured)).normalize();
        if (config.createFolder()) {
            Files.createDirectories(folder);
        }
        this.patterns = new ArrayList<>();
        for (String pattern : config.patterns().split(",")) {
            if (!pattern.isBlank()) {
                patterns.add(pattern.strip());
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.strip()));
            }
        }
        this.recursive = config.recursive();
        this.mode = config.mode();
        this.stableNanos = (long) (config.stableSeconds() * 1e9);
        this.markerSuffix = config.markerSuffix();
        this.events = events;
        this.log = log;
        this.clock = clock;
        this.journal = new WatchJournal(home.resolve("journal").resolve("watch-" + name + ".log"));
        if (journal.unreadable() > 0) {
            log.warn("watcher {}: {} unreadable line(s) in {} (cut short by a crash?) were ignored", name,
                    journal.unreadable(), journal.file());
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "condenser-watch-" + name);
            thread.setDaemon(true);
            return thread;
        });
        if (schedule) {
            executor.execute(this::announceUnannounced);
            long period = Math.max(50, (long) (config.pollSeconds() * 1000));
            executor.scheduleWithFixedDelay(this::pollSafely, 0, period, TimeUnit.MILLISECONDS);
        }
    }


    @Deactivate
    void deactivate() throws IOException {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }

    /** After a restart: files found complete whose announcement the crash interrupted. */
    void announceUnannounced() {
        for (WatchJournal.Entry entry : journal.unannounced()) {
            if (Files.exists(entry.path())) {
                announce(entry);
            }
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            problem = "watching " + folder + " failed: " + e;
            log.error("watcher {}: {}", name, problem, e);
        }
    }

    /** One look at the folder. */
    synchronized void poll() {
        if (!Files.isDirectory(folder)) {
            String now = "the folder " + folder + " does not exist";
            if (!now.equals(problem)) {
                log.warn("watcher {}: {}", name, now);
            }
            problem = now;
            return;
        }
        problem = "";
        Set<Path> seen = new HashSet<>();
        try (Stream<Path> files = Files.walk(folder, recursive ? Integer.MAX_VALUE : 1)) {
            files.filter(this::matches).forEach(file -> {
                seen.add(file);
                look(file);
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            problem = "could not list " + folder + ": " + e.getMessage();
        }
        pending.keySet().retainAll(seen);
    }

    private boolean matches(Path file) {
        if (file.equals(folder) || !Files.isRegularFile(file)) {
            return false;
        }
        Path fileName = file.getFileName();
        if (mode == CompletionMode.MARKER && fileName.toString().endsWith(markerSuffix)) {
            return false;
        }
        if (fileName.toString().startsWith(".")) {
            // Hidden files are writers' temporaries (including Condenser's own .part files).
            return false;
        }
        Path relative = folder.relativize(file);
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(fileName) || matcher.matches(relative)) {
                return true;
            }
        }
        return false;
    }

    private void look(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            pending.put(file, new Pending(file, -1, -1, clock.getAsLong(), "its attributes could not be read: " + e));
            return;
        }
        WatchJournal.Entry entry = new WatchJournal.Entry(file, attributes.size(),
                attributes.lastModifiedTime().toMillis());
        if (journal.state(entry) == WatchJournal.State.ANNOUNCED) {
            return;
        }
        long now = clock.getAsLong();
        Pending before = pending.get(file);
        long unchangedSince = before != null && before.size() == entry.size() && before.modified() == entry.modified()
                ? before.unchangedSinceNanos() : now;
        String waitingFor = waitingFor(file, now - unchangedSince);
        if (waitingFor == null) {
            pending.remove(file);
            complete(entry);
        } else {
            pending.put(file, new Pending(file, entry.size(), entry.modified(), unchangedSince, waitingFor));
        }
    }

    /** What the file is still waiting for, or null when it is complete. */
    private String waitingFor(Path file, long unchangedNanos) {
        if (mode == CompletionMode.MARKER) {
            return Files.exists(file.resolveSibling(file.getFileName() + markerSuffix)) ? null
                    : "its marker " + file.getFileName() + markerSuffix;
        }
        if (unchangedNanos < stableNanos) {
            return "size and time to stay unchanged for " + stableNanos / 1e9 + " s";
        }
        if (Hdf5Superblock.looksLikeHdf5(file)) {
            String incomplete = Hdf5Superblock.incomplete(file);
            if (incomplete != null) {
                return "a whole HDF5 file: " + incomplete;
            }
        }
        return null;
    }

    private void complete(WatchJournal.Entry entry) {
        try {
            journal.record(entry, WatchJournal.State.COMPLETED);
        } catch (IOException e) {
            problem = "could not write the journal " + journal.file() + ": " + e.getMessage();
            log.error("watcher {}: {}; {} stays pending", name, problem, entry.path());
            return;
        }
        announce(entry);
    }

    private void announce(WatchJournal.Entry entry) {
        Map<String, Object> properties = Map.of(FileEvents.PATH, entry.path().toString(), FileEvents.SIZE, entry.size(),
                FileEvents.MODIFIED, entry.modified(), FileEvents.WATCHER, name);
        // Synchronous: ANNOUNCED is written only once every handler has had the event.
        events.sendEvent(new Event(FileEvents.COMPLETED, properties));
        try {
            journal.record(entry, WatchJournal.State.ANNOUNCED);
        } catch (IOException e) {
            problem = "could not write the journal " + journal.file() + ": " + e.getMessage();
            log.error("watcher {}: {}; {} may be announced again after a restart", name, problem, entry.path());
        }
        synchronized (recent) {
            recent.addFirst(new Completed(entry.path(), entry.size(), Instant.now()));
            while (recent.size() > RECENT) {
                recent.removeLast();
            }
        }
        log.info("watcher {}: {} is complete ({} bytes)", name, entry.path(), entry.size());
    }

    // --- for cnd:watch ---

    String name() {
        return name;
    }

    Path folder() {
        return folder;
    }

    List<String> patterns() {
        return List.copyOf(patterns);
    }

    boolean recursive() {
        return recursive;
    }

    CompletionMode mode() {
        return mode;
    }

    String problem() {
        return problem;
    }

    synchronized List<Pending> pending() {
        return List.copyOf(pending.values());
    }

    List<Completed> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    int completedCount() {
        return journal.announcedCount();
    }
}
