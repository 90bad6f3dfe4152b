package org.condenser.api.data;

import java.util.Map;
import java.util.Objects;

/**
 * What a source announces before the first frame of a series (DECTRIS {@code start}, Merlin
 * {@code HDR}, a 4D Camera scan's first header).
 *
 * @param seriesId the series, as frames' {@link FrameHeader#seriesId()} will carry it
 * @param frames frames the series will hold, 0 when not known
 * @param scanShape scan (height, width) the frames fill in index order, or empty when not a scan
 * @param dtype element type of the decoded frames
 * @param frameShape frame (height, width)
 * @param metadata the detector's description of the series (plain values)
 */
public record SeriesInfo(String seriesId, long frames, int[] scanShape, DType dtype, int[] frameShape,
        Map<String, Object> metadata) {

    public SeriesInfo {
        Objects.requireNonNull(seriesId, "seriesId");
        Objects.requireNonNull(dtype, "dtype");
        scanShape = scanShape == null ? new int[0] : scanShape.clone();
        frameShape = frameShape.clone();
        metadata = Map.copyOf(metadata);
    }

    @Override
    public int[] scanShape() {
        return scanShape.clone();
    }

    @Override
    public int[] frameShape() {
        return frameShape.clone();
    }
}
