package org.condenser.api.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a frame is: which series and index it belongs to, where the probe was, when it was taken,
 * and how its payload is laid out.
 *
 * <p>Immutable: the arrays are copied in and out.
 *
 * @param seriesId the acquisition series, unique per source
 * @param frameIndex zero-based index within the series
 * @param scanPosition probe position in scan pixels (y, x), empty when not scanned
 * @param timestampNanos acquisition time in nanoseconds since the epoch
 * @param dtype element type
 * @param shape dimensions, slowest first
 * @param codec payload encoding
 */
public record FrameHeader(String seriesId, long frameIndex, int[] scanPosition, long timestampNanos, DType dtype,
        int[] shape, Codec codec) {

    public FrameHeader {
        Objects.requireNonNull(seriesId, "seriesId");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(codec, "codec");
        if (frameIndex < 0) {
            throw new IllegalArgumentException("frame index " + frameIndex + " is negative");
        }
        shape = shape.clone();
        for (int extent : shape) {
            if (extent <= 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has an extent <= 0");
            }
        }
        scanPosition = scanPosition == null ? new int[0] : scanPosition.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] scanPosition() {
        return scanPosition.clone();
    }

    /** Number of elements. */
    public long elements() {
        long n = 1;
        for (int extent : shape) {
            n *= extent;
        }
        return n;
    }

    /** Size of the decoded payload in bytes. */
    public long decodedBytes() {
        return elements() * dtype.bytes();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FrameHeader h && seriesId.equals(h.seriesId) && frameIndex == h.frameIndex
                && Arrays.equals(scanPosition, h.scanPosition) && timestampNanos == h.timestampNanos
                && dtype == h.dtype && Arrays.equals(shape, h.shape) && codec == h.codec;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seriesId, frameIndex, Arrays.hashCode(scanPosition), timestampNanos, dtype,
                Arrays.hashCode(shape), codec);
    }

    @Override
    public String toString() {
        return "FrameHeader[" + seriesId + "#" + frameIndex + " " + dtype + Arrays.toString(shape) + " " + codec
                + "]";
    }
}
