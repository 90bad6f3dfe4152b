package org.condenser.driver.daq.internal.ncem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Frames like a counting camera's: a per-pixel dark offset, Gaussian read noise, sparse electron
 * events (a bright pixel with some charge shared to a neighbour) and now and then an X-ray hit.
 */
final class SyntheticCamera {

    private final int height;
    private final int width;
    private final float[] offset;
    private final SplittableRandom random;

    SyntheticCamera(int height, int width, long seed) {
        this.height = height;
        this.width = width;
        this.random = new SplittableRandom(seed);
        this.offset = new float[height * width];
        for (int i = 0; i < offset.length; i++) {
            offset[i] = 90 + random.nextInt(30);
        }
    }

    /** A frame with {@code electrons} events (0 for a dark frame). */
    ByteBuffer frame(int electrons) {
        float[] values = new float[height * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = offset[i] + (float) (random.nextGaussian() * 3);
        }
        for (int e = 0; e < electrons; e++) {
            int i = random.nextInt(values.length);
            values[i] += 17 + random.nextInt(9); // between the 4σ and 10σ thresholds of σ = 3 noise
            int neighbour = i + 1 < values.length ? i + 1 : i - 1;
            values[neighbour] += random.nextInt(8);
        }
        if (electrons > 0 && random.nextInt(4) == 0) {
            values[random.nextInt(values.length)] += 3000; // an X-ray
        }
        ByteBuffer frame = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            frame.putShort(i * 2, (short) Math.max(0, Math.min(65535, Math.round(values[i]))));
        }
        return frame;
    }
}
