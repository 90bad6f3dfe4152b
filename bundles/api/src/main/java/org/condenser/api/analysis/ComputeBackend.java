package org.condenser.api.analysis;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where reductions run: the CPU, or a GPU when one is found. A backend registers itself only when it
 * can run; the CPU backend is always there.
 */
@ConsumerType
public interface ComputeBackend {

    /** Service property: the backend's name ({@code cpu}, {@code cuda}). */
    String NAME = "condenser.compute.backend";

    String name();

    /** A line for people: the device and its capacity. */
    String describe();

    /**
     * The analysis running on this backend, with results equal to {@code analysis}'s own; empty when
     * this backend has no kernel for it (the caller keeps the CPU's).
     */
    Optional<FrameAnalysis<?>> offload(FrameAnalysis<?> analysis);

    /**
     * An electron counter on this backend for frames of {@code height × width} uint16 pixels, with
     * thresholds in counts above {@code dark}; empty when this backend cannot count.
     */
    Optional<ElectronCounting> electronCounter(int height, int width, float[] dark, double background, double xray);
}
