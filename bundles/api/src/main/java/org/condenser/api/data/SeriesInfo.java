package org.condenser.api.data;

import java.util.ArrayList;
import java.util.List;
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
 * @param frameShape frame (height, width), or (channels) for spectra
 * @param metadata the detector's description of the series (plain values)
 * @param frameAxes one calibration per frame dimension (a spectrum's energy axis in eV); pixels when
 *        the source does not know better
 */
public record SeriesInfo(String seriesId, long frames, int[] scanShape, DType dtype, int[] frameShape,
        Map<String, Object> metadata, List<Axis> frameAxes) {

    public SeriesInfo {
        Objects.requireNonNull(seriesId, "seriesId");
        Objects.requireNonNull(dtype, "dtype");
        scanShape = scanShape == null ? new int[0] : scanShape.clone();
        frameShape = frameShape.clone();
        metadata = Map.copyOf(metadata);
        if (frameAxes == null || frameAxes.isEmpty()) {
            List<Axis> pixels = new ArrayList<>();
            for (int d = 0; d < frameShape.length; d++) {
                pixels.add(new Axis(frameShape.length == 1 ? "channel" : d == 0 ? "ky" : "kx", "px", 0, 1, frameShape[d]));
            }
            frameAxes = pixels;
        }
        if (frameAxes.size() != frameShape.length) {
            throw new IllegalArgumentException(frameAxes.size() + " frame axes for " + frameShape.length
                    + "-dimensional frames");
        }
        frameAxes = List.copyOf(frameAxes);
    }

    /** A series whose frames are calibrated in pixels. */
    public SeriesInfo(String seriesId, long frames, int[] scanShape, DType dtype, int[] frameShape,
            Map<String, Object> metadata) {
        this(seriesId, frames, scanShape, dtype, frameShape, metadata, null);
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
