package org.condenser.dataplane.internal.move;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private final Path file;
    private final FileChannel channel;
    private final Map<Source, State> states = new LinkedHashMap<>();
    private int unreadable;

    MoveJournal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Files.exists(file)) {
            String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].isEmpty()) {
                    continue;
                }
                String[] parts = lines[i].split("\t", 5);
                try {
                    if (i == lines.length - 1 || parts.length != 5) {
                        throw new IllegalArgumentException();
                    }
                    states.put(new Source(Path.of(parts[4]), Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                            State.valueOf(parts[0]));
                } catch (IllegalArgumentException e) {
                    unreadable++;
                }
            }
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    int unreadable() {
        return unreadable;
    }

    Path file() {
        return file;
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
        String line = state.name() + "\t" + source.size() + "\t" + source.modified() + "\t" + clean + "\t"
                + source.path() + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(true);
        states.put(source, state);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
