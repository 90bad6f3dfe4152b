package org.condenser.flows.internal;

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
import org.condenser.json.Json;

/**
 * The flows' append-only, synced journal: a run's start with its inputs, each step done with its
 * timings and outputs, the run's end. After a restart, a run without an end resumes after its last
 * step done, with that step's outputs, so no step runs twice. A line cut short by a crash is ignored.
 */
final class FlowJournal implements AutoCloseable {

    /** A run found unfinished: its flow, inputs, the steps done and the outputs so far. */
    record Unfinished(String runId, String flow, Map<String, Object> inputs, List<String> stepsDone,
            Map<String, Object> outputs) {
    }

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Unfinished> unfinished = new LinkedHashMap<>();
    private int unreadable;
    private long lastRun;

    FlowJournal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                replay(line);
            }
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @SuppressWarnings("unchecked")
    private void replay(String line) {
        String[] fields = line.split("\t", -1);
        try {
            switch (fields[0]) {
                case "RUN" -> {
                    unfinished.put(fields[1], new Unfinished(fields[1], fields[2],
                            (Map<String, Object>) Json.parse(fields[3]), new ArrayList<>(), new LinkedHashMap<>()));
                    lastRun = Math.max(lastRun, Long.parseLong(fields[1].substring(fields[1].lastIndexOf('-') + 1)));
                }
                case "STEP" -> {
                    Unfinished run = unfinished.get(fields[1]);
                    if (run != null) {
                        run.stepsDone().add(fields[2]);
                        run.outputs().putAll((Map<String, Object>) Json.parse(fields[5]));
                    }
                }
                case "END" -> unfinished.remove(fields[1]);
                default -> unreadable++;
            }
        } catch (RuntimeException e) {
            unreadable++;
        }
    }

    /** Runs started and not ended, as the journal has them. */
    List<Unfinished> unfinished() {
        return List.copyOf(unfinished.values());
    }

    /** Lines that could not be read (cut short by a crash). */
    int unreadable() {
        return unreadable;
    }

    /** The highest run number written so far, so new run ids do not repeat old ones. */
    long lastRun() {
        return lastRun;
    }

    Path file() {
        return file;
    }

    void started(String runId, String flow, Map<String, Object> inputs) throws IOException {
        append("RUN\t" + runId + "\t" + flow + "\t" + Json.write(inputs));
    }

    void stepDone(String runId, String step, long activeNanos, long wallNanos, Map<String, Object> outputs)
            throws IOException {
        append("STEP\t" + runId + "\t" + step + "\t" + activeNanos + "\t" + wallNanos + "\t" + Json.write(outputs));
    }

    void ended(String runId, String state, String message) throws IOException {
        append("END\t" + runId + "\t" + state + "\t" + message.replace('\t', ' ').replace('\n', ' '));
    }

    private synchronized void append(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
