package org.condenser.dataplane.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 as the HDF5 LZ4 filter (and a DECTRIS stream's {@code lz4}) frames it: the uncompressed size
 * (8 bytes, big-endian), the block size (4 bytes, big-endian), then per block its compressed size
 * (4 bytes, big-endian) and the LZ4 block, a block that would not shrink being stored as it is
 * (its stored size then equals its uncompressed size).
 */
public final class Lz4Blocks {

    public static final int DEFAULT_BLOCK_BYTES = 1 << 30;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    private Lz4Blocks() {
    }

    /** The most bytes a payload of {@code decodedBytes} can take once encoded. */
    public static int maxEncodedBytes(int decodedBytes, int blockBytes) {
        int blocks = Math.max(1, (decodedBytes + blockBytes - 1) / blockBytes);
        return 12 + blocks * 20 + LZ4.fastCompressor().maxCompressedLength(decodedBytes);
    }

    public static byte[] encode(ByteBuffer raw, int blockBytes) {
        int total = raw.remaining();
        byte[] in = new byte[total];
        raw.duplicate().get(in);
        LZ4Compressor compressor = LZ4.fastCompressor();
        int blocks = Math.max(1, (total + blockBytes - 1) / blockBytes);
        ByteBuffer out = ByteBuffer.allocate(12 + blocks * 4 + compressor.maxCompressedLength(total) + blocks * 16)
                .order(ByteOrder.BIG_ENDIAN);
        out.putLong(total).putInt(blockBytes);
        byte[] packed = new byte[compressor.maxCompressedLength(Math.min(blockBytes, Math.max(total, 1)))];
        for (int at = 0; at < total; at += blockBytes) {
            int length = Math.min(blockBytes, total - at);
            int compressed = compressor.compress(in, at, length, packed, 0, packed.length);
            if (compressed >= length) {
                out.putInt(length).put(in, at, length);
            } else {
                out.putInt(compressed).put(packed, 0, compressed);
            }
        }
        byte[] result = new byte[out.position()];
        out.flip().get(result);
        return result;
    }

    /** Decodes into {@code out}, whose remaining bytes must be the declared uncompressed size. */
    public static void decode(ByteBuffer framed, ByteBuffer out) {
        ByteBuffer in = framed.duplicate().order(ByteOrder.BIG_ENDIAN);
        if (in.remaining() < 12) {
            throw new IllegalArgumentException("lz4: " + in.remaining() + " bytes are too few for the 12-byte header");
        }
        long total = in.getLong();
        int blockBytes = in.getInt();
        if (total != out.remaining()) {
            throw new IllegalArgumentException("lz4: the header says " + total + " bytes, the frame needs " + out.remaining());
        }
        if (blockBytes <= 0) {
            throw new IllegalArgumentException("lz4: a block size of " + blockBytes + " bytes");
        }
        // the safe decompressor is the native one; this lz4-java's "fast" one is pure Java
        LZ4SafeDecompressor decompressor = LZ4.safeDecompressor();
        byte[] packed = new byte[0];
        byte[] plain = new byte[(int) Math.min(blockBytes, total)];
        for (long at = 0; at < total; at += blockBytes) {
            int length = (int) Math.min(blockBytes, total - at);
            if (in.remaining() < 4) {
                throw new IllegalArgumentException("lz4: truncated before the block at byte " + at);
            }
            int stored = in.getInt();
            if (stored < 0 || stored > in.remaining()) {
                throw new IllegalArgumentException("lz4: the block at byte " + at + " claims " + stored + " bytes, "
                        + in.remaining() + " are left");
            }
            if (stored == length) {
                byte[] copy = new byte[length];
                in.get(copy);
                out.put(copy);
                continue;
            }
            if (packed.length < stored) {
                packed = new byte[stored];
            }
            in.get(packed, 0, stored);
            try {
                int written = decompressor.decompress(packed, 0, stored, plain, 0, length);
                if (written != length) {
                    throw new IllegalArgumentException("lz4: the block at byte " + at + " gave " + written + " bytes, "
                            + length + " expected");
                }
            } catch (LZ4Exception e) {
                throw new IllegalArgumentException("lz4: the block at byte " + at + " does not decompress (" + e.getMessage()
                        + ")");
            }
            out.put(plain, 0, length);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("lz4: " + in.remaining() + " bytes follow the last block");
        }
    }
}
