package org.condenser.api.flow;

import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** The runtime's flows, for remote control; provided by the flow engine. */
@ProviderType
public interface Flows {

    /** The flows defined now, by name. */
    Set<String> flows();

    /**
     * Starts a run of a flow by hand, with the given inputs.
     *
     * @return the run's id
     * @throws IllegalArgumentException for an unknown flow
     * @throws Exception when the run could not be journaled
     */
    String run(String flow, Map<String, Object> inputs) throws Exception;
}
