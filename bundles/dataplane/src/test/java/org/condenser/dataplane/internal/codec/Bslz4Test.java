package org.condenser.dataplane.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.condenser.testing.ExternalTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bitshuffle+LZ4 against the reference: Debian's {@code bitshuffle} Python module, whose blocks the
 * HDF5 filter frames with a 12-byte header (uncompressed size, block size in bytes, big-endian).
 */
class Bslz4Test {

    @TempDir
    Path folder;

    /** Sparse counts, like an electron-counting detector's frame: mostly zeros, a few small numbers. */
    private static byte[] counts(int elements, long seed) {
        ByteBuffer frame = ByteBuffer.allocate(elements * 2).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < elements; i++) {
            frame.putShort((short) (random.nextInt(20) == 0 ? 1 + random.nextInt(5) : 0));
        }
        return frame.array();
    }

    @Test
    void theShuffleIsTheReferenceShuffle() throws Exception {
        byte[] ramp = new byte[32];
        for (int i = 0; i < 16; i++) {
            ramp[2 * i] = (byte) i;
        }
        byte[] shuffled = new byte[32];
        Bitshuffle.shuffle(ramp, 0, shuffled, 0, 16, 2);
        assertEquals("aaaaccccf0f000ff000000000000000000000000000000000000000000000000",
                HexFormat.of().formatHex(shuffled), "bitshuffle.bitshuffle(numpy.arange(16, dtype='<u2'))");
        byte[] back = new byte[32];
        Bitshuffle.unshuffle(shuffled, 0, back, 0, 16, 2);
        assertArrayEquals(ramp, back);
    }

    @Test
    void whatWeEncodeTheReferenceDecodesAndTheOtherWayRound() throws Exception {
        int elements = 256 * 256 + 5; // not a multiple of 8: leftovers are stored as they are
        byte[] frame = counts(elements, 3);
        byte[] encoded = Bslz4.encode(ByteBuffer.wrap(frame), 2, Bslz4.DEFAULT_BLOCK_BYTES);
        assertTrue(encoded.length * 10 < frame.length, "sparse counts compress at least 10:1, got "
                + frame.length / (double) encoded.length);
        Path ours = Files.write(folder.resolve("ours.bslz4"), encoded);
        Path raw = Files.write(folder.resolve("frame.u16"), frame);
        Path theirs = folder.resolve("theirs.bslz4");
        assertEquals("ok", ExternalTools.python("""
                import sys, struct, numpy, bitshuffle
                raw = numpy.fromfile(sys.argv[1], dtype='<u2')
                framed = open(sys.argv[2], 'rb').read()
                total, block = struct.unpack('>QI', framed[:12])
                assert total == raw.nbytes and block == 8192, (total, block)
                decoded = bitshuffle.decompress_lz4(numpy.frombuffer(framed[12:], dtype='u1'), raw.shape, raw.dtype, block // 2)
                assert (decoded == raw).all()
                theirs = bitshuffle.compress_lz4(raw, block // 2)
                open(sys.argv[3], 'wb').write(struct.pack('>QI', raw.nbytes, block) + theirs.tobytes())
                print('ok')
                """, raw.toString(), ours.toString(), theirs.toString()));
        ByteBuffer decoded = ByteBuffer.allocate(frame.length);
        Bslz4.decode(ByteBuffer.wrap(Files.readAllBytes(theirs)), decoded, 2);
        assertArrayEquals(frame, decoded.array());
    }

    @Test
    void malformedFramesAreRefusedSayingWhat() {
        byte[] frame = counts(4096, 5);
        byte[] encoded = Bslz4.encode(ByteBuffer.wrap(frame), 2, Bslz4.DEFAULT_BLOCK_BYTES);
        assertEquals("bslz4: the header says 8192 bytes, the frame needs 4096", assertThrows(IllegalArgumentException.class,
                () -> Bslz4.decode(ByteBuffer.wrap(encoded), ByteBuffer.allocate(4096), 2)).getMessage());
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 10);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Bslz4.decode(ByteBuffer.wrap(truncated), ByteBuffer.allocate(8192), 2)).getMessage()
                .startsWith("bslz4: the block at element 0 claims "));
        byte[] lying = encoded.clone();
        lying[12] = 0x7f;
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Bslz4.decode(ByteBuffer.wrap(lying), ByteBuffer.allocate(8192), 2)).getMessage()
                .contains("claims"));
        byte[] garbled = encoded.clone();
        for (int i = 16; i < garbled.length; i++) {
            garbled[i] = (byte) 0xff;
        }
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Bslz4.decode(ByteBuffer.wrap(garbled), ByteBuffer.allocate(8192), 2)).getMessage()
                .startsWith("bslz4: the block at element 0"));
        assertEquals("bslz4: 5 bytes are too few for the 12-byte header", assertThrows(IllegalArgumentException.class,
                () -> Bslz4.decode(ByteBuffer.wrap(new byte[5]), ByteBuffer.allocate(8192), 2)).getMessage());
    }
}
