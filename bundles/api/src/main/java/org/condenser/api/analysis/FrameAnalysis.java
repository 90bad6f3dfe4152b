package org.condenser.api.analysis;

import org.condenser.api.data.DataArray;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A reduction over a series' frames whose merged partial result becomes a calibrated array (with
 * axes and units) for people and files.
 *
 * @param <P> the partial (and final) result type
 */
@ConsumerType
public interface FrameAnalysis<P> extends Reduction<P> {

    /** The array a merged partial result stands for. */
    DataArray result(P merged);
}
