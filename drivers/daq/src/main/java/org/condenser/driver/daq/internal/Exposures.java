package org.condenser.driver.daq.internal;

import java.nio.ByteBuffer;

import org.condenser.api.data.DType;

/** Where a simulated detector's pixels come from: a camera of an instrument, or a test's pattern. */
public interface Exposures {

    /** Frame geometry: (height, width) and element type. */
    record Sensor(int height, int width, DType dtype) {
        public int frameBytes() {
            return height * width * dtype.bytes();
        }
    }

    /** Receives each frame's little-endian pixels; answers false to stop early (the detector was disarmed). */
    @FunctionalInterface
    interface Out {
        boolean frame(long index, ByteBuffer pixels);
    }

    Sensor sensor();

    /** Takes {@code images} frames of {@code countTime} seconds each, in order. */
    void expose(long images, double countTime, Out out) throws Exception;
}
