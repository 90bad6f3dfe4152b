package org.condenser.analysis.internal;

import java.util.Arrays;

import org.condenser.api.data.DType;
import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.SeriesInfo;

/**
 * The scan and frame shapes an analysis was sized for, and the check that each frame fits them:
 * a frame of another shape, or whose index lies outside the scan, is refused naming both.
 */
record ScanGeometry(String seriesId, int scanHeight, int scanWidth, int[] frameShape, DType dtype) {

    static ScanGeometry of(SeriesInfo series, String what) {
        int[] scan = series.scanShape();
        if (scan.length != 2) {
            throw new IllegalArgumentException("series " + series.seriesId() + " is not a scan: " + what
                    + " needs the scan's shape");
        }
        return new ScanGeometry(series.seriesId(), scan[0], scan[1], series.frameShape(), series.dtype());
    }

    /** The same, for analyses that need 2-D frames (diffraction patterns, not spectra). */
    static ScanGeometry ofImages(SeriesInfo series, String what) {
        ScanGeometry geometry = of(series, what);
        if (geometry.frameShape.length != 2) {
            throw new IllegalArgumentException(what + " needs 2-D frames; series " + series.seriesId() + " has "
                    + Arrays.toString(geometry.frameShape));
        }
        return geometry;
    }

    int positions() {
        return scanHeight * scanWidth;
    }

    int frameHeight() {
        return frameShape[0];
    }

    int frameWidth() {
        return frameShape[frameShape.length - 1];
    }

    int framePixels() {
        int n = 1;
        for (int extent : frameShape) {
            n *= extent;
        }
        return n;
    }

    /** The frame's scan position (its index), after checking its shape. */
    int position(Frame frame) {
        FrameHeader header = frame.header();
        int[] shape = header.shape();
        if (!Arrays.equals(shape, frameShape)) {
            throw new IllegalArgumentException("frame " + header.frameIndex() + " is " + Arrays.toString(shape)
                    + ", the series' frames are " + Arrays.toString(frameShape));
        }
        long index = header.frameIndex();
        if (index >= positions()) {
            throw new IllegalArgumentException("frame " + index + " lies outside the " + scanHeight + "x" + scanWidth
                    + " scan");
        }
        return (int) index;
    }
}
