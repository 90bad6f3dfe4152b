package org.condenser.dataplane.internal.watch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether an HDF5 file looks whole: its signature is found (at 0, 512, 1024, 2048…) and the
 * superblock's end-of-file address is no larger than the file. A writer still appending, or a
 * truncated copy, has a superblock that claims more than there is (or none yet).
 */
final class Hdf5Superblock {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };

    private Hdf5Superblock() {
    }

    /** Null when the file looks whole; otherwise why not. */
    static String incomplete(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            for (long at = 0; at + 64 <= size; at = at == 0 ? 512 : at * 2) {
                ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(head, at);
                head.flip();
                if (!startsWithSignature(head)) {
                    continue;
                }
                int version = head.get(8) & 0xFF;
                long endOfFile;
                if (version <= 1) {
                    int offsetSize = head.get(13) & 0xFF;
                    // v0: base, free-space, end-of-file, driver addresses follow the 24-byte header (v1: 28).
                    int addresses = version == 0 ? 24 : 28;
                    endOfFile = address(head, addresses + 2 * offsetSize, offsetSize);
                } else {
                    int offsetSize = head.get(9) & 0xFF;
                    // v2/v3: base, extension, end-of-file addresses follow a 12-byte header.
                    endOfFile = address(head, 12 + 2 * offsetSize, offsetSize);
                }
                if (endOfFile == -1) {
                    return "its superblock has no end-of-file address yet";
                }
                long claimed = at + endOfFile;
                // A closed file ends where its superblock says; a writer still at work or a cut copy does not.
                return claimed != size ? "its superblock says " + claimed + " bytes but the file has " + size : null;
            }
            return "no HDF5 superblock found";
        } catch (IOException e) {
            return "it could not be read: " + e.getMessage();
        }
    }

    private static boolean startsWithSignature(ByteBuffer head) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (head.get(i) != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static long address(ByteBuffer head, int offset, int size) {
        if (offset + size > head.limit()) {
            return -1;
        }
        long value = switch (size) {
            case 4 -> head.getInt(offset) & 0xFFFF_FFFFL;
            case 8 -> head.getLong(offset);
            default -> -1;
        };
        // All ones is HDF5's undefined address.
        return size == 4 && value == 0xFFFF_FFFFL ? -1 : value;
    }

    static boolean looksLikeHdf5(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".emd") || name.endsWith(".nxs")
                || name.endsWith(".hdf");
    }
}
