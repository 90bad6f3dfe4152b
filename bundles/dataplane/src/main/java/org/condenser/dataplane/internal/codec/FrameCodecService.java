package org.condenser.dataplane.internal.codec;

import java.nio.ByteBuffer;

import org.condenser.api.data.Codec;
import org.condenser.api.data.FrameCodecs;
import org.osgi.service.component.annotations.Component;

/** The data plane's codecs as a service, for receivers, senders and pipelines in other bundles. */
@Component(service = FrameCodecs.class)
public final class FrameCodecService implements FrameCodecs {

    /** The level the zstd command line uses by default. */
    static final int ZSTD_LEVEL = 3;

    @Override
    public int maxEncodedBytes(Codec codec, int decodedBytes) {
        return switch (codec) {
            case NONE -> decodedBytes;
            case BSLZ4 -> Bslz4.maxEncodedBytes(decodedBytes);
            case LZ4 -> Lz4Blocks.maxEncodedBytes(decodedBytes, Lz4Blocks.DEFAULT_BLOCK_BYTES);
            case ZSTD -> Math.toIntExact(com.github.luben.zstd.Zstd.compressBound(decodedBytes));
        };
    }

    @Override
    public int encode(Codec codec, ByteBuffer raw, int elementSize, ByteBuffer out) {
        byte[] encoded = switch (codec) {
            case NONE -> {
                byte[] copy = new byte[raw.remaining()];
                raw.duplicate().get(copy);
                yield copy;
            }
            case BSLZ4 -> Bslz4.encode(raw, elementSize, Bslz4.DEFAULT_BLOCK_BYTES);
            case LZ4 -> Lz4Blocks.encode(raw, Lz4Blocks.DEFAULT_BLOCK_BYTES);
            case ZSTD -> Zstd.encode(raw, ZSTD_LEVEL);
        };
        out.put(encoded);
        return encoded.length;
    }

    @Override
    public void decode(Codec codec, ByteBuffer encoded, int elementSize, ByteBuffer out) {
        switch (codec) {
            case NONE -> {
                if (encoded.remaining() != out.remaining()) {
                    throw new IllegalArgumentException("raw payload of " + encoded.remaining() + " bytes, "
                            + out.remaining() + " expected");
                }
                out.put(encoded.duplicate());
            }
            case BSLZ4 -> Bslz4.decode(encoded, out, elementSize);
            case LZ4 -> Lz4Blocks.decode(encoded, out);
            case ZSTD -> Zstd.decode(encoded, out);
        }
    }
}
