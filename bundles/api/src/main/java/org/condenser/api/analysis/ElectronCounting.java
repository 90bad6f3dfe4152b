package org.condenser.api.analysis;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finds electron events in counting-mode frames: pixels whose value above the dark reference lies
 * between the background and X-ray thresholds and is a local maximum among its eight neighbours.
 */
@ConsumerType
public interface ElectronCounting {

    /**
     * Counts one frame (uint16, little-endian): writes the events' flat pixel indices, in ascending
     * order, into {@code events} (grown if needed and returned) and sets {@code count[0]} to how many.
     *
     * @throws IllegalArgumentException when the frame is not the counter's size
     */
    int[] count(ByteBuffer frame, int[] events, int[] count);
}
