package org.condenser.dataplane.internal.move;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.api.data.FileEvents;
import org.condenser.api.runtime.RuntimeHome;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Moves every file its watcher announces to a destination folder with {@link VerifiedCopy}, several
 * at a time, recording each step in its journal so a restart (kill -9 included) finishes what was
 * under way without duplicating what was done. Reports each transfer's progress and bandwidth.
 */
@Component(service = { VerifiedMover.class, EventHandler.class }, immediate = true, configurationPid = MoveConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = EventConstants.EVENT_TOPIC + "=" + FileEvents.COMPLETED)
@Designate(ocd = MoveConfig.class, factory = true)
public final class VerifiedMover implements EventHandler {

    /** A transfer under way. */
    static final class Active {
        final Path source;
        final long size;
        final long startNanos = System.nanoTime();
        final AtomicLong copied = new AtomicLong();

        Active(Path source, long size) {
            this.source = source;
            this.size = size;
        }

        double megabytesPerSecond() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            return seconds <= 0 ? 0 : copied.get() / 1e6 / seconds;
        }
    }

    /** A transfer that ended, well or not. */
    record Ended(Path source, Path target, long bytes, double megabytesPerSecond, String xxh64, String failure,
            Instant at) {
    }

    private static final int RECENT = 50;

    private final String name;
    private final String watcher;
    private final Destination destination;
    private final boolean deleteSource;
    private final Logger log;
    private final MoveJournal journal;
    private final ExecutorService workers;
    private final Map<Path, Active> active = new ConcurrentHashMap<>();
    private final Deque<Ended> done = new ArrayDeque<>();
    private final Deque<Ended> failed = new ArrayDeque<>();
    private final AtomicInteger queued = new AtomicInteger();

    @Activate
    public VerifiedMover(MoveConfig config, BundleContext context, @Reference(service = LoggerFactory.class) Logger log)
            throws IOException {
        this(config, RuntimeHome.of(context::getProperty), log);
    }

    VerifiedMover(MoveConfig config, Path home, Logger log) throws IOException {
        this.name = config.name();
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("mover name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        if (config.destination() == null || config.destination().isBlank()) {
            throw new IllegalArgumentException("mover " + name + " names no destination");
        }
        this.destination = destination(config, home);
        this.watcher = config.watcher() == null ? "" : config.watcher().strip();
        this.deleteSource = config.deleteSource();
        this.log = log;
        this.journal = new MoveJournal(home.resolve("journal").resolve("move-" + name + ".log"));
        if (journal.unreadable() > 0) {
            log.warn("mover {}: {} unreadable line(s) in {} (cut short by a crash?) were ignored", name,
                    journal.unreadable(), journal.file());
        }
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, config.parallel()), task -> {
            Thread thread = new Thread(task, "condenser-move-" + name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // What a crash interrupted is finished first.
        for (MoveJournal.Source source : journal.unfinished()) {
            submit(source);
        }
    }

    private static Destination destination(MoveConfig config, Path home) {
        String where = config.destination().strip();
        if (where.startsWith("sftp://")) {
            if (config.privateKey().isBlank() || config.knownHosts().isBlank()) {
                throw new IllegalArgumentException("mover " + config.name() + ": an SFTP destination needs privateKey "
                        + "and knownHosts");
            }
            return new SftpDestination(java.net.URI.create(where), home.resolve(config.privateKey()),
                    home.resolve(config.knownHosts()), Math.max(1000, (int) (config.timeout() * 1000)));
        }
        Path configured = Path.of(where);
        return new LocalDestination((configured.isAbsolute() ? configured : home.resolve(configured)).normalize());
    }


    @Override
    public void handleEvent(Event event) {
        if (!watcher.isEmpty() && !watcher.equals(event.getProperty(FileEvents.WATCHER))) {
            return;
        }
        MoveJournal.Source source = new MoveJournal.Source(Path.of((String) event.getProperty(FileEvents.PATH)),
                (Long) event.getProperty(FileEvents.SIZE), (Long) event.getProperty(FileEvents.MODIFIED));
        take(source);
    }

    /** Takes a file on, unless it was done or taken on already. */
    void take(MoveJournal.Source source) {
        if (journal.state(source) != null) {
            return;
        }
        try {
            // Recorded before the event is acknowledged: a crash after this line moves the file on restart.
            journal.record(source, MoveJournal.State.QUEUED, "-");
        } catch (IOException e) {
            log.error("mover {}: cannot write its journal {}: {}; {} is not moved", name, journal.file(), e.getMessage(),
                    source.path());
            return;
        }
        submit(source);
    }

    private void submit(MoveJournal.Source source) {
        queued.incrementAndGet();
        workers.execute(() -> move(source));
    }

    private void move(MoveJournal.Source source) {
        Active transfer = new Active(source.path(), source.size());
        active.put(source.path(), transfer);
        // active before it leaves the queue: never both empty while a file is still to be moved
        queued.decrementAndGet();
        try {
            Delivery result = destination.deliver(source.path(), transfer.copied::set);
            journal.record(source, MoveJournal.State.DONE, result.xxh64());
            if (deleteSource) {
                try {
                    Files.delete(source.path());
                } catch (NoSuchFileException alreadyGone) {
                    // Deleted before a crash let us note it.
                }
            }
            remember(done, new Ended(source.path(), result.target(), result.bytes(), result.megabytesPerSecond(),
                    result.xxh64(), "", Instant.now()));
            log.info("mover {}: {} -> {} ({} bytes, {} MB/s, xxh64 {})", name, source.path(), result.target(),
                    result.bytes(), String.format("%.1f", result.megabytesPerSecond()), result.xxh64());
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            try {
                journal.record(source, MoveJournal.State.FAILED, reason);
            } catch (IOException journalFailed) {
                log.error("mover {}: cannot write its journal: {}", name, journalFailed.getMessage());
            }
            remember(failed, new Ended(source.path(), null, transfer.copied.get(), 0, "", reason, Instant.now()));
            log.error("mover {}: {}", name, reason);
        } finally {
            active.remove(source.path());
        }
    }

    private static void remember(Deque<Ended> list, Ended ended) {
        synchronized (list) {
            list.addFirst(ended);
            while (list.size() > RECENT) {
                list.removeLast();
            }
        }
    }

    @Deactivate
    void deactivate() throws IOException {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }

    /** Whether nothing is queued or under way (tests wait for it). */
    boolean idle() {
        return queued.get() == 0 && active.isEmpty();
    }

    // --- for cnd:moves ---

    String name() {
        return name;
    }

    String destination() {
        return destination.describe();
    }

    String watcher() {
        return watcher;
    }

    List<Active> active() {
        return new ArrayList<>(active.values());
    }

    int queued() {
        return queued.get();
    }

    List<Ended> done() {
        synchronized (done) {
            return List.copyOf(done);
        }
    }

    List<Ended> failed() {
        synchronized (failed) {
            return List.copyOf(failed);
        }
    }
}
