package org.condenser.dataplane.internal.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The file under every journal of the data plane: lines appended and synced to disk one by one, so
 * a line that was written survives kill -9 and power loss, and a line a crash cut short is known
 * for what it is (no newline yet) and left out when read back.
 */
public final class AppendOnlyLog implements AutoCloseable {

    private final Path file;
    private final List<String> lines = new ArrayList<>();
    private final boolean cutShort;
    private final FileChannel channel;

    public AppendOnlyLog(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean cut = false;
        if (Files.exists(file)) {
            String[] read = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < read.length - 1; i++) {
                if (!read[i].isEmpty()) {
                    lines.add(read[i]);
                }
            }
            // What follows the final newline: empty, or a line the crash cut short.
            cut = !read[read.length - 1].isEmpty();
        }
        this.cutShort = cut;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (cut) {
            // Finish the cut line so the next one starts on a line of its own.
            append("");
        }
    }

    public Path file() {
        return file;
    }

    /** The complete lines found when the log was opened, in order. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether the last line had been cut short by a crash (it is left out of {@link #lines()}). */
    public boolean cutShort() {
        return cutShort;
    }

    /** Appends one line (no newline in it) and syncs it to disk before returning. */
    public synchronized void append(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(true);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
