package org.condenser.dataplane.internal.codec;

import java.nio.ByteBuffer;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;

/**
 * zstd frames (zstd-jni): what the {@code zstd} command line writes and reads. Each thread keeps its
 * own (de)compression context: making one per frame costs more than compressing a frame.
 */
public final class Zstd {

    private static final ThreadLocal<ZstdCompressCtx> COMPRESSORS = ThreadLocal.withInitial(ZstdCompressCtx::new);
    private static final ThreadLocal<ZstdDecompressCtx> DECOMPRESSORS = ThreadLocal.withInitial(ZstdDecompressCtx::new);

    private Zstd() {
    }

    public static byte[] encode(ByteBuffer raw, int level) {
        byte[] in = new byte[raw.remaining()];
        raw.duplicate().get(in);
        return COMPRESSORS.get().setLevel(level).compress(in);
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
            long read = DECOMPRESSORS.get().decompressByteArray(plain, 0, plain.length, in, 0, in.length);
            if (read != plain.length) {
                throw new IllegalArgumentException("zstd: " + read + " bytes decompressed, " + plain.length + " expected");
            }
        } catch (ZstdException e) {
            throw new IllegalArgumentException("zstd: the frame does not decompress (" + e.getMessage() + ")");
        }
        out.put(plain);
    }
}
