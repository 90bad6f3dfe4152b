package org.condenser.experiment.internal;

import java.util.List;
import java.util.Map;

import org.condenser.api.analysis.Analyses;
import org.condenser.api.analysis.FrameAnalysis;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.SeriesInfo;

/** Analyses whose every spec sums each spectrum of a (1, 1, channels) array, as window over all channels would. */
final class SummingAnalyses implements Analyses {

    @Override
    public List<String> kinds() {
        return List.of("window:LO:HI");
    }

    @Override
    public void check(String spec) {
        if (!spec.startsWith("window:")) {
            throw new IllegalArgumentException("'" + spec + "' is not window:LO:HI");
        }
    }

    @Override
    public FrameAnalysis<?> create(String spec, SeriesInfo series) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DataArray apply(String spec, DataArray array) {
        double sum = 0;
        for (long i = 0; i < array.elements(); i++) {
            sum += array.getDouble(i);
        }
        return DataArray.ofFloats(spec, new float[] { (float) sum }, "counts",
                List.of(new Axis("y", "", 0, 1, 1), new Axis("x", "", 0, 1, 1)), Map.of());
    }

    @Override
    public byte[] png(DataArray result) {
        return new byte[0];
    }
}
