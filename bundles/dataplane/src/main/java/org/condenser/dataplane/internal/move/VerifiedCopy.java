package org.condenser.dataplane.internal.move;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Copies one file so that the copy under its final name is always whole and proven equal: written
 * under a hidden temporary name, hashed (XXH64) while read, synced, read back and hashed again, and
 * only then renamed into place atomically (and the folder synced). The source is never touched.
 * Anything that goes wrong leaves no temporary behind and says which file and why.
 */
final class VerifiedCopy {

    private static final int BUFFER = 4 << 20;

    private VerifiedCopy() {
    }

    static Delivery copy(Path source, Path target, LongConsumer progress) throws IOException {
        long start = System.nanoTime();
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = folder.resolve("." + target.getFileName() + ".part");
        long size;
        String written;
        try {
            Files.createDirectories(folder);
            size = sizeOf(source);
            written = write(source, temporary, size, progress);
            String readBack = hash(temporary);
            if (!readBack.equals(written)) {
                throw new IOException("the copy of " + source + " reads back as xxh64 " + readBack + ", the source was "
                        + written + " (the destination corrupted it)");
            }
            if (Files.exists(target)) {
                if (Files.size(target) == size && hash(target).equals(written)) {
                    // Delivered before a crash let us record it: the same bytes are already in place.
                    Files.delete(temporary);
                    return new Delivery(target, size, written, System.nanoTime() - start, true);
                }
                throw new DestinationConflict("the destination " + target + " already exists with other content; "
                        + source + " is left where it is");
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            syncFolder(folder);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw explained(source, target, e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("copying " + source + " to " + target + " failed: " + e, e);
        }
        return new Delivery(target, size, written, System.nanoTime() - start, false);
    }

    private static long sizeOf(Path source) throws IOException {
        try {
            return Files.size(source);
        } catch (NoSuchFileException e) {
            throw new IOException("the source " + source + " does not exist (any more)", e);
        }
    }

    private static String write(Path source, Path temporary, long size, LongConsumer progress) throws IOException {
        XxHash64 hash = new XxHash64();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        long copied = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            while (true) {
                buffer.clear();
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                buffer.flip();
                hash.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                copied += read;
                progress.accept(copied);
            }
            out.force(true);
        }
        if (copied != size || !Files.exists(source) || Files.size(source) != size) {
            throw new IOException("the source " + source + " changed or vanished while it was copied (" + copied
                    + " bytes read, " + size + " expected)");
        }
        return XxHash64.hex(hash.digest());
    }

    static String hash(Path file) throws IOException {
        XxHash64 hash = new XxHash64();
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer) >= 0) {
                buffer.flip();
                hash.update(buffer);
                buffer.clear();
            }
        }
        return XxHash64.hex(hash.digest());
    }

    /** A rename is durable only once its folder is synced. */
    private static void syncFolder(Path folder) throws IOException {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems (and every Windows one) cannot sync a folder; the rename stands regardless.
        }
    }

    private static IOException explained(Path source, Path target, IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("the ")) {
            return e;
        }
        if (e instanceof AccessDeniedException || message.contains("Read-only file system")) {
            return new IOException("cannot write to " + target.getParent() + " (read-only or not permitted); " + source
                    + " is left where it is", e);
        }
        if (message.contains("No space left")) {
            return new IOException("the destination " + target.getParent() + " is full; " + source
                    + " is left where it is", e);
        }
        if (e instanceof FileAlreadyExistsException) {
            return new IOException("a temporary copy of " + source + " already exists in " + target.getParent(), e);
        }
        return new IOException("copying " + source + " to " + target + " failed: " + e, e);
    }
}
