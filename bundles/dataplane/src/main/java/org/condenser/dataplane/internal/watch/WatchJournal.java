package org.condenser.dataplane.internal.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.dataplane.internal.journal.AppendOnlyLog;

/**
 * A watcher's durable memory: an append-only file of what became of each file, synced to disk
 * after every line, so a restart (after kill -9 too) knows what it already announced.
 *
 * <p>Lines: {@code COMPLETED <tab> size <tab> modified <tab> path} when a file is found complete,
 * {@code ANNOUNCED <tab> size <tab> modified <tab> path} once its event has been delivered. A file
 * completed but never announced (the runtime died in between) is announced again after a restart;
 * an announced one never is. A line cut short by a crash is ignored, and counted.
 */
final class WatchJournal implements AutoCloseable {

    /** What the journal knows of one file version (path, size, modified). */
    enum State {
        COMPLETED, ANNOUNCED
    }

    record Entry(Path path, long size, long modified) {
    }

    private final AppendOnlyLog log;
    private final Map<Entry, State> states = new LinkedHashMap<>();
    private int unreadable;

    WatchJournal(Path file) throws IOException {
        this.log = new AppendOnlyLog(file);
        unreadable = log.cutShort() ? 1 : 0;
        for (String line : log.lines()) {
            String[] parts = line.split("\t", 4);
            try {
                if (parts.length != 4) {
                    throw new IllegalArgumentException();
                }
                Entry entry = new Entry(Path.of(parts[3]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                State state = State.valueOf(parts[0]);
                if (state == State.ANNOUNCED || states.get(entry) != State.ANNOUNCED) {
                    states.put(entry, state);
                }
            } catch (IllegalArgumentException e) {
                unreadable++;
            }
        }
    }

    /** Lines that could not be read (cut short by a crash, or damaged). */
    int unreadable() {
        return unreadable;
    }

    Path file() {
        return log.file();
    }

    synchronized State state(Entry entry) {
        return states.get(entry);
    }

    /** Completed but not yet announced, in journal order: what a restart must announce again. */
    synchronized List<Entry> unannounced() {
        List<Entry> pending = new ArrayList<>();
        states.forEach((entry, state) -> {
            if (state == State.COMPLETED) {
                pending.add(entry);
            }
        });
        return pending;
    }

    synchronized int announcedCount() {
        return (int) states.values().stream().filter(s -> s == State.ANNOUNCED).count();
    }

    synchronized void record(Entry entry, State state) throws IOException {
        log.append(state.name() + "\t" + entry.size() + "\t" + entry.modified() + "\t" + entry.path());
        states.put(entry, state);
    }

    @Override
    public synchronized void close() throws IOException {
        log.close();
    }
}
