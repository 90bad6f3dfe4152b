package org.condenser.api.analysis;

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
}
