package org.condenser.api.analysis;

import org.condenser.api.data.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An analysis whose map is linear in the pixels, described by its {@link LinearForm}: a compute
 * backend may run the form itself (a GPU kernel over batches of frames) and hand the sums it made to
 * {@link #result}, which then equals the CPU's result.
 */
@ConsumerType
public interface LinearAnalysis extends FrameAnalysis<double[]> {

    LinearForm form();

    /**
     * The position a frame's sums go to (0 for an accumulation).
     *
     * @throws IllegalArgumentException when the frame does not belong to the series (shape, index)
     */
    int position(Frame frame);
}
