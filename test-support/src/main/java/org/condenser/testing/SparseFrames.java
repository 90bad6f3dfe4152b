package org.condenser.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Frames like a counting detector's in 4D-STEM: a bright central disc of a few counts per pixel
 * and sparse single counts around it (a 256×256 uint16 frame of this kind compresses about 18:1 with
 * bitshuffle+LZ4). Seeded, so runs compare.
 */
public final class SparseFrames {

    private SparseFrames() {
    }

    public static List<ByteBuffer> make(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ByteBuffer> frames = new ArrayList<>();
        double c = (size - 1) / 2.0;
        for (int f = 0; f < count; f++) {
            ByteBuffer frame = ByteBuffer.allocate(size * size * 2).order(ByteOrder.LITTLE_ENDIAN);
            double shift = random.nextDouble(-3, 3);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double r = Math.hypot(y - c - shift, x - c);
                    double mean = r < size / 8.0 ? 3.0 : 0.01;
                    int counts = 0;
                    for (double p = random.nextDouble(); p < 1 - Math.exp(-mean) && counts < 60;
                            p = random.nextDouble()) {
                        counts++;
                        mean *= 0.6;
                    }
                    frame.putShort((y * size + x) * 2, (short) counts);
                }
            }
            frames.add(frame);
        }
        return frames;
    }
}
