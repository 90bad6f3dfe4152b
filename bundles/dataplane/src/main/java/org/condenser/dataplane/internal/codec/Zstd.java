package org.condenser.dataplane.internal.codec;

import java.nio.ByteBuffer;

import com.github.luben.zstd.ZstdException;

/** zstd frames (zstd-jni): what the {@code zstd} command line writes and reads. */
public final class Zstd {

    private Zstd() {
    }

    public static byte[] encode(ByteBuffer raw, int level) {
        byte[] in = new byte[raw.remaining()];
        raw.duplicate().get(in);
        return com.github.luben.zstd.Zstd.compress(in, level);
    }

    /** Decodes into {@code out}, whose remaining bytes must be what the frame decompresses to. */
    public static void decode(ByteBuffer frame, ByteBuffer out) {
        byte[] in = new byte[frame.remaining()];
        frame.duplicate().get(in);
        long declared = com.github.luben.zstd.Zstd.getFrameContentSize(in);
        if (declared >= 0 && declared != out.remaining()) {
            throw new IllegalArgumentException("zstd: the frame says " + declared + " bytes, the frame needs "
                    + out.remaining());
        }
        byte[] plain = new byte[out.remaining()];
        try {
            long read = com.github.luben.zstd.Zstd.decompress(plain, in);
            if (read != plain.length) {
                throw new IllegalArgumentException("zstd: " + read + " bytes decompressed, " + plain.length + " expected");
            }
        } catch (ZstdException e) {
            throw new IllegalArgumentException("zstd: the frame does not decompress (" + e.getMessage() + ")");
        }
        out.put(plain);
    }
}
