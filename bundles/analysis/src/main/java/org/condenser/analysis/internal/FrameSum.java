package org.condenser.analysis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.condenser.api.analysis.LinearAnalysis;
import org.condenser.api.analysis.LinearForm;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;
import org.condenser.api.data.SeriesInfo;

/**
 * The sum of every frame of a series: the summed diffraction pattern of a 4D-STEM scan, or the sum
 * spectrum of a spectrum image (frames that are spectra). The partial result is the sum itself.
 */
public final class FrameSum extends SummedAnalysis implements LinearAnalysis {

    private final ScanGeometry geometry;

    public static FrameSum of(SeriesInfo series) {
        return new FrameSum(ScanGeometry.of(series, "a frame sum"));
    }

    private FrameSum(ScanGeometry geometry) {
        this.geometry = geometry;
    }

    @Override
    int sums() {
        return geometry.framePixels();
    }

    @Override
    public String name() {
        return geometry.frameShape().length == 1 ? "sum spectrum" : "sum pattern";
    }


    /** Every pixel into its own slot. */
    @Override
    public LinearForm form() {
        return new LinearForm(geometry.dtype(), geometry.framePixels(), geometry.framePixels(), null, 1);
    }

    @Override
    public int position(Frame frame) {
        geometry.position(frame);
        return 0;
    }

    @Override
    public void map(Frame frame, double[] partial) {
        geometry.position(frame);
        Pixels pixels = Pixels.of(frame);
        for (int i = 0; i < partial.length; i++) {
            partial[i] += pixels.get(i);
        }
    }




    @Override
    public DataArray result(double[] merged) {
        float[] values = floats(merged);
        int[] shape = geometry.frameShape();
        List<Axis> axes = new ArrayList<>();
        String[] names = shape.length == 1 ? new String[] { "channel" } : new String[] { "ky", "kx" };
        for (int d = 0; d < shape.length; d++) {
            axes.add(new Axis(d < names.length ? names[d] : "dim" + d, "px", 0, 1, shape[d]));
        }
        return DataArray.ofFloats(name(), values, "counts", axes, Map.of("series", geometry.seriesId(), "frames",
                (long) geometry.positions()));
    }
}
