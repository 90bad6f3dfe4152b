package org.condenser.api.analysis;

import org.condenser.api.data.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A reduction over frames in map/merge form: each worker maps frames into its own partial result,
 * and partial results merge into one. Because it is written this way, the same reduction runs on one
 * thread, many threads, a GPU or several nodes.
 *
 * <h2>Contract</h2>
 * {@link #map} is called from one thread per partial result at a time and must not keep the frame
 * after it returns (the caller releases it). {@link #merge} must be associative, so partial results
 * can be merged in any grouping.
 *
 * @param <P> the partial (and final) result type
 */
@ConsumerType
public interface Reduction<P> {

    /** A short name, such as {@code virtual-bf} or {@code com}. */
    String name();

    /** A fresh, empty partial result. */
    P newPartial();

    /** Adds one frame's contribution to a partial result. */
    void map(Frame frame, P partial);

    /** Merges {@code from} into {@code into}. */
    void merge(P into, P from);

    /**
     * A partial result as bytes, so partials computed on other nodes can travel back and be merged;
     * a reduction that cannot travel keeps this default.
     */
    default byte[] toBytes(P partial) {
        throw new UnsupportedOperationException(name() + " cannot be fanned out to other nodes");
    }

    /** The partial result {@link #toBytes} wrote. */
    default P fromBytes(byte[] bytes) {
        throw new UnsupportedOperationException(name() + " cannot be fanned out to other nodes");
    }
}
