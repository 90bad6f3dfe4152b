package org.condenser.dataplane.internal.move;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.dataplane.internal.journal.AppendOnlyLog;

/**
 * A mover's durable record: {@code QUEUED} when a file is taken on, {@code DONE} with its checksum
 * once its verified copy is in place, {@code FAILED} with the reason. Each line is synced. After a
 * crash, everything queued and neither done nor failed is moved again (a copy already in place
 * with the same bytes is recognised, not duplicated).
 */
final class MoveJournal implements AutoCloseable {

    enum State {
        QUEUED, DONE, FAILED
    }

    record Source(Path path, long size, long modified) {
    }

    private final AppendOnlyLog log;
    private final Map<Source, State> states = new LinkedHashMap<>();
    private int unreadable;

    MoveJournal(Path file) throws IOException {
        this.log = new AppendOnlyLog(file);
        unreadable = log.cutShort() ? 1 : 0;
        for (String line : log.lines()) {
            String[] parts = line.split("\t", 5);
            try {
                if (parts.length != 5) {
                    throw new IllegalArgumentException();
                }
                states.put(new Source(Path.of(parts[4]), Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                        State.valueOf(parts[0]));
            } catch (IllegalArgumentException e) {
                unreadable++;
            }
        }
    }

    int unreadable() {
        return unreadable;
    }

    Path file() {
        return log.file();
    }

    synchronized State state(Source source) {
        return states.get(source);
    }

    synchronized List<Source> unfinished() {
        List<Source> open = new ArrayList<>();
        states.forEach((source, state) -> {
            if (state == State.QUEUED) {
                open.add(source);
            }
        });
        return open;
    }

    /** Appends and syncs a line; {@code detail} is the checksum (DONE) or the reason (FAILED), one line. */
    synchronized void record(Source source, State state, String detail) throws IOException {
        String clean = detail.replace('\t', ' ').replace('\n', ' ');
        log.append(state.name() + "\t" + source.size() + "\t" + source.modified() + "\t" + clean + "\t" + source.path());
        states.put(source, state);
    }

    @Override
    public synchronized void close() throws IOException {
        log.close();
    }
}
