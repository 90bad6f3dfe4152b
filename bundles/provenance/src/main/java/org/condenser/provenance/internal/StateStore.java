package org.condenser.provenance.internal;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.condenser.json.Json;

/**
 * A durable, bounded, append-only store of time-stamped records (JSON objects with a {@code t} in
 * epoch milliseconds), kept as segment files named by their first record's time. Appends are
 * forced to disk before they return; a segment is closed at {@code segmentBytes}, and the oldest
 * segments are deleted, and counted, while the store is over {@code maxBytes}. A record cut short
 * by a crash is cut off when the store opens; a line that is not a record is skipped, and counted,
 * when read. Reads scan only the segments that can hold the range.
 */
final class StateStore implements AutoCloseable {

    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".jsonl";

    /** What the store holds and what it has had to let go. */
    record Statistics(int segments, long bytes, long records, long evictedSegments, long evictedBytes,
            long malformedLines, long truncatedBytes) {
    }

    private final Path folder;
    private final long maxBytes;
    private final long segmentBytes;
    private final List<Path> segments = new ArrayList<>();
    private FileChannel current;
    private long bytes;
    private long records;
    private long evictedSegments;
    private long evictedBytes;
    private long malformedLines;
    private long truncatedBytes;

    StateStore(Path folder, long maxBytes, long segmentBytes) throws IOException {
        if (segmentBytes < 1024 || maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("the store needs segments of at least 1 KiB and room for two of them ("
                    + segmentBytes + "-byte segments, " + maxBytes + " bytes in all)");
        }
        this.folder = Files.createDirectories(folder);
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        try (Stream<Path> found = Files.list(folder)) {
            found.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d{19}" + SUFFIX)).sorted()
                    .forEach(segments::add);
        }
        for (Path segment : segments) {
            bytes += Files.size(segment);
        }
        if (!segments.isEmpty()) {
            cutTornRecord(segments.get(segments.size() - 1));
        }
    }

    /** A crash mid-append leaves a partial last line: cut it, so the next record starts on its own line. */
    private void cutTornRecord(Path segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                channel.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                channel.truncate(keep);
                channel.force(true);
                truncatedBytes += size - keep;
                bytes -= size - keep;
            }
        }
    }

    /** Appends records, oldest first, and forces them to disk. */
    synchronized void append(List<Map<String, Object>> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> record : batch) {
            if (!(record.get("t") instanceof Number)) {
                throw new IllegalArgumentException("a record needs its time in epoch milliseconds as 't': " + record);
            }
            lines.append(Json.write(record)).append('\n');
        }
        long first = ((Number) batch.get(0).get("t")).longValue();
        if (current == null || current.size() >= segmentBytes) {
            roll(first);
        }
        ByteBuffer data = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        long written = data.remaining();
        while (data.hasRemaining()) {
            current.write(data);
        }
        current.force(false);
        bytes += written;
        records += batch.size();
        evict();
    }

    private void roll(long firstMillis) throws IOException {
        if (current != null) {
            current.close();
        }
        Path next = folder.resolve(String.format("%s%019d%s", PREFIX, Math.max(0, firstMillis), SUFFIX));
        if (!segments.isEmpty() && segments.get(segments.size() - 1).equals(next)) {
            // the clock has not moved past the last segment's first record: keep appending to it
        } else if (!segments.isEmpty() && segments.get(segments.size() - 1).compareTo(next) > 0) {
            next = segments.get(segments.size() - 1); // the clock went back: never write behind the newest segment
        } else {
            segments.add(next);
        }
        current = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    private void evict() throws IOException {
        while (bytes > maxBytes && segments.size() > 1) {
            Path oldest = segments.remove(0);
            long size = Files.size(oldest);
            Files.delete(oldest);
            bytes -= size;
            evictedSegments++;
            evictedBytes += size;
        }
    }

    /** Hands every record with {@code from <= t <= to} to {@code reader}, oldest first. */
    void read(long fromMillis, long toMillis, Consumer<Map<?, ?>> reader) throws IOException {
        // Each candidate with its length when chosen: appends hold this lock, so every byte up to
        // there belongs to a whole record, and a line being appended meanwhile is not read half.
        Map<Path, Long> candidates = new LinkedHashMap<>();
        synchronized (this) {
            for (int i = 0; i < segments.size(); i++) {
                long start = start(segments.get(i));
                long nextStart = i + 1 < segments.size() ? start(segments.get(i + 1)) : Long.MAX_VALUE;
                if (start <= toMillis && nextStart >= fromMillis) {
                    candidates.put(segments.get(i), Files.size(segments.get(i)));
                }
            }
        }
        for (Map.Entry<Path, Long> candidate : candidates.entrySet()) {
            byte[] content;
            try (InputStream in = Files.newInputStream(candidate.getKey())) {
                content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, candidate.getValue()));
            } catch (java.nio.file.NoSuchFileException evicted) {
                continue; // deleted as the store made room while this read was on its way
            }
            for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
                Map<?, ?> record = parse(line);
                if (record == null) {
                    continue;
                }
                long t = ((Number) record.get("t")).longValue();
                if (t >= fromMillis && t <= toMillis) {
                    reader.accept(record);
                }
            }
        }
    }

    private Map<?, ?> parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            Object parsed = Json.parse(line);
            if (parsed instanceof Map && ((Map<?, ?>) parsed).get("t") instanceof Number) {
                return (Map<?, ?>) parsed;
            }
        } catch (IllegalArgumentException notJson) {
            // counted below
        }
        synchronized (this) {
            malformedLines++;
        }
        return null;
    }

    private static long start(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
    }

    synchronized Statistics statistics() {
        return new Statistics(segments.size(), bytes, records, evictedSegments, evictedBytes, malformedLines,
                truncatedBytes);
    }

    Path folder() {
        return folder;
    }

    @Override
    public synchronized void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
