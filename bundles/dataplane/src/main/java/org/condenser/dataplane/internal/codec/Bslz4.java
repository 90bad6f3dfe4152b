package org.condenser.dataplane.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Bitshuffle + LZ4, framed as the HDF5 filter (and a DECTRIS stream's {@code bslz4}) frames it:
 * the uncompressed size as an 8-byte big-endian number, the block size in bytes as a 4-byte
 * big-endian number, then per block its compressed size (4 bytes, big-endian) and the LZ4 block of
 * its bitshuffled bytes. The block size is 8192 bytes unless said otherwise, a multiple of 8
 * elements; a last partial block is rounded down to a multiple of 8 elements, and the 0–7 elements
 * left over are stored as they are.
 *
 * <p>Malformed input (a size that lies, a truncated block, a block that does not decompress) is
 * refused with what was wrong; nothing past the output's end is ever written.
 */
public final class Bslz4 {

    /** The block size the HDF5 filter uses when none is given, in bytes. */
    public static final int DEFAULT_BLOCK_BYTES = 8192;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    private Bslz4() {
    }

    /** The most bytes a payload of {@code decodedBytes} can take once encoded with the default block size. */
    public static int maxEncodedBytes(int decodedBytes) {
        int blocks = decodedBytes / DEFAULT_BLOCK_BYTES + 2;
        return 12 + blocks * 4 + LZ4.fastCompressor().maxCompressedLength(decodedBytes) + blocks * 16;
    }

    /** Compresses {@code raw} (its remaining bytes) of elements of {@code elementSize} bytes. */
    public static byte[] encode(ByteBuffer raw, int elementSize, int blockBytes) {
        int total = raw.remaining();
        if (total % elementSize != 0) {
            throw new IllegalArgumentException(total + " bytes are not whole elements of " + elementSize + " bytes");
        }
        int blockElements = blockElements(elementSize, blockBytes);
        int elements = total / elementSize;
        byte[] in = new byte[total];
        raw.duplicate().get(in);
        LZ4Compressor compressor = LZ4.fastCompressor();
        ByteBuffer out = ByteBuffer.allocate(12 + total + (elements / blockElements + 2) * (4 + 64)
                + compressor.maxCompressedLength(blockElements * elementSize)).order(ByteOrder.BIG_ENDIAN);
        out.putLong(total).putInt(blockElements * elementSize);
        byte[] shuffled = new byte[blockElements * elementSize];
        byte[] packed = new byte[compressor.maxCompressedLength(shuffled.length)];
        int done = 0;
        while (elements - done >= 8) {
            int n = Math.min(blockElements, elements - done);
            n -= n % 8;
            Bitshuffle.shuffle(in, done * elementSize, shuffled, 0, n, elementSize);
            int length = compressor.compress(shuffled, 0, n * elementSize, packed, 0, packed.length);
            out.putInt(length).put(packed, 0, length);
            done += n;
        }
        out.put(in, done * elementSize, (elements - done) * elementSize);
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return result;
    }

    /**
     * Decompresses a framed block stream into {@code out} (its remaining bytes must be exactly the
     * uncompressed size the frame declares).
     *
     * @throws IllegalArgumentException naming what does not add up
     */
    public static void decode(ByteBuffer framed, ByteBuffer out, int elementSize) {
        ByteBuffer in = framed.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (in.remaining() < 12) {
            throw new IllegalArgumentException("bslz4: " + in.remaining() + " bytes are too few for the 12-byte header");
        }
        long total = in.getLong();
        int blockBytes = in.getInt();
        if (total != out.remaining()) {
            throw new IllegalArgumentException("bslz4: the header says " + total + " bytes, the frame needs "
                    + out.remaining());
        }
        if (blockBytes <= 0 || blockBytes % (8 * elementSize) != 0) {
            throw new IllegalArgumentException("bslz4: a block size of " + blockBytes + " bytes is not a multiple of 8 "
                    + elementSize + "-byte elements");
        }
        int elements = (int) (total / elementSize);
        int blockElements = blockBytes / elementSize;
        // the safe decompressor is the native one; this lz4-java's "fast" one is pure Java
        LZ4SafeDecompressor decompressor = LZ4.safeDecompressor();
        Scratch scratch = SCRATCH.get().fit(blockBytes);
        byte[] shuffled = scratch.shuffled;
        byte[] plain = scratch.plain;
        int done = 0;
        while (elements - done >= 8) {
            int n = Math.min(blockElements, elements - done);
            n -= n % 8;
            if (in.remaining() < 4) {
                throw new IllegalArgumentException("bslz4: truncated before the block at element " + done);
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("bslz4: the block at element " + done + " claims " + length
                        + " bytes, " + in.remaining() + " are left");
            }
            try {
                // straight from the message's buffer: the compressed bytes are not copied first
                int written = decompressor.decompress(in, in.position(), length, ByteBuffer.wrap(shuffled), 0,
                        n * elementSize);
                in.position(in.position() + length);
                if (written != n * elementSize) {
                    throw new IllegalArgumentException("bslz4: the block at element " + done + " gave " + written
                            + " bytes, " + n * elementSize + " expected");
                }
            } catch (net.jpountz.lz4.LZ4Exception e) {
                throw new IllegalArgumentException("bslz4: the block at element " + done + " does not decompress ("
                        + e.getMessage() + ")");
            }
            Bitshuffle.unshuffle(shuffled, 0, plain, 0, n, elementSize);
            out.put(plain, 0, n * elementSize);
            done += n;
        }
        int leftover = (elements - done) * elementSize;
        if (in.remaining() != leftover) {
            throw new IllegalArgumentException("bslz4: " + in.remaining() + " bytes follow the last block, " + leftover
                    + " expected");
        }
        byte[] tail = new byte[leftover];
        in.get(tail);
        out.put(tail);
    }

    /** Per-thread work arrays, so decoding a stream of frames allocates nothing per frame. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        byte[] shuffled = new byte[0];
        byte[] plain = new byte[0];

        Scratch fit(int blockBytes) {
            if (shuffled.length < blockBytes) {
                shuffled = new byte[blockBytes];
                plain = new byte[blockBytes];
            }
            return this;
        }
    }

    private static int blockElements(int elementSize, int blockBytes) {
        int elements = blockBytes / elementSize;
        elements -= elements % 8;
        if (elements < 8) {
            throw new IllegalArgumentException("a block of " + blockBytes + " bytes holds fewer than 8 elements");
        }
        return elements;
    }
}
