package org.condenser.api.provenance;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A digital twin that can follow a recorded state trajectory, so an acquisition plan can be run
 * again virtually under the conditions of a real session. Registered by simulated instruments,
 * with the service property {@code condenser.instrument.id}.
 */
@ProviderType
public interface TwinReplay {

    /**
     * Starts following a trajectory: from now on each property the samples name reads as the
     * recorded value at the matching moment of the recording (the first sample's time is now),
     * run {@code speed} times faster; after its last sample, a property keeps its last value. A
     * write to a property stops its following. Replaces a replay in progress.
     *
     * @return a line saying what is followed
     * @throws IllegalArgumentException when no sample names a property this twin has, or speed is not above 0
     */
    String follow(List<StateSample> trajectory, double speed);

    /** Stops following; each property keeps the value it had. @return a line saying so */
    String stopFollowing();

    /** What is being followed, or a line saying nothing is. */
    String following();
}
