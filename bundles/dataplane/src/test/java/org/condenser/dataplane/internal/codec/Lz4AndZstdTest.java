package org.condenser.dataplane.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.condenser.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LZ4 blocks checked with python3-lz4, zstd frames with the zstd command line, on detector-like frames. */
class Lz4AndZstdTest {

    @TempDir
    Path folder;

    private static byte[] frame() {
        ByteBuffer frame = ByteBuffer.allocate(256 * 256 * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(9);
        while (frame.hasRemaining()) {
            frame.putShort((short) (random.nextInt(10) == 0 ? random.nextInt(300) : 0));
        }
        return frame.array();
    }

    @Test
    void lz4BlocksAreWhatTheLz4LibraryReadsAndRoundTrip() throws Exception {
        byte[] frame = frame();
        byte[] framed = Lz4Blocks.encode(ByteBuffer.wrap(frame), 32768);
        assertTrue(framed.length < frame.length);
        Path file = Files.write(folder.resolve("frame.lz4h5"), framed);
        Path raw = Files.write(folder.resolve("frame.raw"), frame);
        assertEquals("ok", ExternalTools.python("""
                import sys, struct, lz4.block
                data = open(sys.argv[1], 'rb').read()
                raw = open(sys.argv[2], 'rb').read()
                total, block = struct.unpack('>QI', data[:12])
                at, out = 12, b''
                while len(out) < total:
                    n = min(block, total - len(out))
                    size = struct.unpack('>I', data[at:at + 4])[0]
                    chunk = data[at + 4:at + 4 + size]
                    out += chunk if size == n else lz4.block.decompress(chunk, uncompressed_size=n)
                    at += 4 + size
                assert out == raw and at == len(data)
                print('ok')
                """, file.toString(), raw.toString()));
        ByteBuffer decoded = ByteBuffer.allocate(frame.length);
        Lz4Blocks.decode(ByteBuffer.wrap(framed), decoded);
        assertArrayEquals(frame, decoded.array());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Lz4Blocks.decode(
                ByteBuffer.wrap(java.util.Arrays.copyOf(framed, framed.length - 7)), ByteBuffer.allocate(frame.length)))
                .getMessage().startsWith("lz4: "));
    }

    @Test
    void zstdFramesAreWhatTheZstdCommandLineReadsAndWrites() throws Exception {
        byte[] frame = frame();
        Path ours = Files.write(folder.resolve("ours.zst"), Zstd.encode(ByteBuffer.wrap(frame), 3));
        ExternalTools.run("zstd", "-q", "-d", "-f", ours.toString(), "-o", folder.resolve("ours.raw").toString());
        assertArrayEquals(frame, Files.readAllBytes(folder.resolve("ours.raw")));
        Path raw = Files.write(folder.resolve("frame.raw"), frame);
        ExternalTools.run("zstd", "-q", "-f", raw.toString(), "-o", folder.resolve("theirs.zst").toString());
        ByteBuffer decoded = ByteBuffer.allocate(frame.length);
        Zstd.decode(ByteBuffer.wrap(Files.readAllBytes(folder.resolve("theirs.zst"))), decoded);
        assertArrayEquals(frame, decoded.array());
        assertEquals("zstd: the frame says 131072 bytes, the frame needs 1000", assertThrows(IllegalArgumentException.class,
                () -> Zstd.decode(ByteBuffer.wrap(Files.readAllBytes(ours)), ByteBuffer.allocate(1000))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Zstd.decode(ByteBuffer.wrap(new byte[] { 1, 2, 3, 4,
                5, 6, 7, 8 }), ByteBuffer.allocate(8))).getMessage().startsWith("zstd: "));
    }
}
