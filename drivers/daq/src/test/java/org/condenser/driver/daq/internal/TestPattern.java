package org.condenser.driver.daq.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.condenser.api.data.DType;

/** Known frames for the receivers' tests: in frame i, pixel p holds i + p % 7 (times a scale). */
public final class TestPattern implements Exposures {

    private final int height;
    private final int width;
    private final int scale;

    public TestPattern(int height, int width, int scale) {
        this.height = height;
        this.width = width;
        this.scale = scale;
    }

    public int value(long frame, int pixel) {
        return (int) ((frame + pixel % 7) * scale);
    }

    @Override
    public Sensor sensor() {
        return new Sensor(height, width, DType.UINT16);
    }

    @Override
    public void expose(long images, double countTime, Out out) {
        ByteBuffer frame = ByteBuffer.allocate(height * width * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < images; i++) {
            for (int p = 0; p < height * width; p++) {
                frame.putShort(p * 2, (short) value(i, p));
            }
            if (!out.frame(i, frame.duplicate().order(ByteOrder.LITTLE_ENDIAN))) {
                return;
            }
        }
    }
}
