package org.condenser.api.analysis;

import java.util.List;

import org.condenser.api.data.DataArray;
import org.condenser.api.data.SeriesInfo;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes frame analyses from short specs, such as {@code adf:0.5:1.0}, {@code bf}, {@code com} or
 * {@code dpc:0.3}; provided by the runtime's analysis bundle. The same spec gives the same analysis
 * on every node, so a receiving node and its fan-out workers agree.
 */
@ProviderType
public interface Analyses {

    /** What specs look like, one line per kind, for help texts. */
    List<String> kinds();

    /**
     * Checks a spec without a series.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    void check(String spec);

    /**
     * The analysis {@code spec} describes, sized for {@code series}.
     *
     * @throws IllegalArgumentException naming what is wrong with the spec or why it does not fit the series
     */
    FrameAnalysis<?> create(String spec, SeriesInfo series);

    /**
     * Runs {@code spec} over an array read whole rather than streamed: its first two dimensions are the
     * scan (a 4-D 4D-STEM scan, a 3-D spectrum image whose last axis calibrates the spectra), or, for
     * {@code particles}, its first dimension is time (an image series).
     *
     * @throws IllegalArgumentException naming what is wrong with the spec or why the array does not fit it
     */
    DataArray apply(String spec, DataArray array);

    /**
     * A result drawn for people, as PNG: an image with a scale bar, a few images side by side (the
     * x and y of a centre of mass), or a spectrum as a line plot with its axis and unit.
     *
     * @throws IllegalArgumentException when the array has no such picture (more than 3 dimensions)
     */
    byte[] png(DataArray result);
}
