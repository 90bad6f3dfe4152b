package org.condenser.experiment.internal;

import java.util.List;

import org.condenser.api.analysis.Analyses;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;

/**
 * A spectrum to the one number a policy learns from, by one of the analysis stages' spectrum scalars
 * ({@code window}, {@code ratio}, {@code peak}) run over a spectrum image of one position, so an
 * experiment's scalar is exactly what the same spec gives over a recorded spectrum image.
 */
final class Scalarizer {

    private final Analyses analyses;
    private final String spec;

    /** @throws IllegalArgumentException when the spec is no spectrum scalar */
    Scalarizer(Analyses analyses, String spec) {
        String kind = spec.strip().toLowerCase(java.util.Locale.ROOT).split(":")[0];
        if (!List.of("window", "ratio", "peak").contains(kind)) {
            throw new IllegalArgumentException("scalarizer '" + spec
                    + "' is not a spectrum scalar: window:LO:HI, ratio:LO1:HI1:LO2:HI2 or peak:LO:HI");
        }
        analyses.check(spec);
        this.analyses = analyses;
        this.spec = spec.strip();
    }

    String spec() {
        return spec;
    }

    /** The scalar of one spectrum (NaN where the spec gives none, such as a ratio over an empty window). */
    double scalar(DataArray spectrum) {
        int[] shape = spectrum.shape();
        if (shape.length != 1) {
            throw new IllegalArgumentException("a spectrum has one dimension, not " + shape.length);
        }
        DataArray image = new DataArray(spectrum.name(), spectrum.dtype(), new int[] { 1, 1, shape[0] }, spectrum.data(),
                spectrum.unit(), List.of(new Axis("y", "", 0, 1, 1), new Axis("x", "", 0, 1, 1), spectrum.axes().get(0)),
                spectrum.metadata());
        return analyses.apply(spec, image).getDouble(0);
    }
}
