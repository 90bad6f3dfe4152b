package org.condenser.core.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only text file that rolls over at a size: {@code x.log} becomes {@code x.log.1}, and
 * the oldest beyond the limit is deleted. Each write is flushed, so {@code tail -f} shows it at once
 * and a crash loses nothing already logged. Not thread safe; the caller serialises.
 */
final class RollingLogFile implements AutoCloseable {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private Writer writer;
    private long size;

    RollingLogFile(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        Files.createDirectories(file.toAbsolutePath().getParent());
        open();
    }

    void write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > maxBytes) {
            roll();
        }
        writer.write(text);
        writer.flush();
        size += bytes.length;
    }

    Path path() {
        return file;
    }

    private void open() throws IOException {
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void roll() throws IOException {
        writer.close();
        Files.deleteIfExists(sibling(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(sibling(i))) {
                Files.move(sibling(i), sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep > 0) {
            Files.move(file, sibling(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(file);
        }
        open();
    }

    private Path sibling(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
