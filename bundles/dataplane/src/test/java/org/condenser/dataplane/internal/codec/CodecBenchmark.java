package org.condenser.dataplane.internal.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.condenser.api.data.Codec;
import org.condenser.testing.ExternalTools;
import org.condenser.testing.SparseFrames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (README, "Benchmarks"): the data plane's codecs on detector frames
 * (256×256 uint16 sparse counts), encode and decode throughput on one thread and compression ratio,
 * against the {@code zstd} and {@code lz4} command-line tools on the same frames in the same run.
 * The tools work on one file of all frames (their start-up is a small share of it). Asserts nothing
 * about time. Run by name.
 */
class CodecBenchmark {

    private static final int FRAMES = 400;
    private static final int SIZE = 256;
    private static final int ROUNDS = 3;

    @TempDir
    Path folder;

    @Test
    void codecsOnDetectorFramesVersusTheCommandLineTools() throws Exception {
        List<ByteBuffer> frames = SparseFrames.make(FRAMES, SIZE, 11);
        long rawBytes = (long) FRAMES * SIZE * SIZE * 2;
        Path all = folder.resolve("frames.u16");
        try (OutputStream out = Files.newOutputStream(all)) {
            for (ByteBuffer frame : frames) {
                out.write(frame.array());
            }
        }
        FrameCodecService codecs = new FrameCodecService();
        System.out.printf(Locale.ROOT, "%d frames of %dx%d uint16 sparse counts, %.1f MB; one thread; best of %d%n",
                FRAMES, SIZE, SIZE, rawBytes / 1e6, ROUNDS);
        for (Codec codec : new Codec[] { Codec.BSLZ4, Codec.LZ4, Codec.ZSTD }) {
            double encode = 0;
            double decode = 0;
            long encodedBytes = 0;
            for (int round = 0; round < ROUNDS; round++) {
                List<ByteBuffer> encoded = new ArrayList<>();
                long start = System.nanoTime();
                for (ByteBuffer frame : frames) {
                    ByteBuffer out = ByteBuffer.allocate(codecs.maxEncodedBytes(codec, frame.remaining()));
                    codecs.encode(codec, frame.duplicate(), 2, out);
                    encoded.add(out.flip());
                }
                encode = Math.max(encode, rawBytes / ((System.nanoTime() - start) / 1e9) / 1e6);
                ByteBuffer decoded = ByteBuffer.allocate(SIZE * SIZE * 2);
                start = System.nanoTime();
                for (ByteBuffer frame : encoded) {
                    decoded.clear();
                    codecs.decode(codec, frame.duplicate(), 2, decoded);
                }
                decode = Math.max(decode, rawBytes / ((System.nanoTime() - start) / 1e9) / 1e6);
                encodedBytes = encoded.stream().mapToLong(ByteBuffer::remaining).sum();
            }
            System.out.printf(Locale.ROOT, "  Condenser %-6s ratio %5.1f:1  encode %6.0f MB/s  decode %6.0f MB/s%n", codec,
                    (double) rawBytes / encodedBytes, encode, decode);
        }
        tool("zstd", all, rawBytes, new String[] { "zstd", "-3", "-q", "-f", "-o" }, ".zst",
                new String[] { "zstd", "-d", "-q", "-f", "-o" });
        tool("lz4", all, rawBytes, new String[] { "lz4", "-1", "-q", "-f" }, ".lz4",
                new String[] { "lz4", "-d", "-q", "-f" });
    }

    private void tool(String name, Path all, long rawBytes, String[] compress, String suffix, String[] decompress)
            throws IOException, InterruptedException {
        Path packed = folder.resolve("frames.u16" + suffix);
        Path unpacked = folder.resolve("frames.out");
        double encode = 0;
        double decode = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            ExternalTools.run(withFiles(compress, all, packed, name.equals("zstd")));
            encode = Math.max(encode, rawBytes / ((System.nanoTime() - start) / 1e9) / 1e6);
            start = System.nanoTime();
            ExternalTools.run(withFiles(decompress, packed, unpacked, name.equals("zstd")));
            decode = Math.max(decode, rawBytes / ((System.nanoTime() - start) / 1e9) / 1e6);
        }
        if (Files.mismatch(all, unpacked) != -1) {
            throw new AssertionError(name + " did not give the frames back");
        }
        System.out.printf(Locale.ROOT, "  %-16s ratio %5.1f:1  encode %6.0f MB/s  decode %6.0f MB/s (whole process)%n",
                name + " command", (double) rawBytes / Files.size(packed), encode, decode);
    }

    /** zstd takes {@code -o OUT IN}; lz4 takes {@code IN OUT}. */
    private static String[] withFiles(String[] command, Path in, Path out, boolean outputFirst) {
        List<String> args = new ArrayList<>(List.of(command));
        if (outputFirst) {
            args.add(out.toString());
            args.add(in.toString());
        } else {
            args.add(in.toString());
            args.add(out.toString());
        }
        return args.toArray(String[]::new);
    }
}
