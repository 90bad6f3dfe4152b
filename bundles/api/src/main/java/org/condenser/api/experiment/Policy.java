package org.condenser.api.experiment;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Chooses the next point to measure from those measured so far (grid, random, Gaussian process…).
 *
 * <h2>Contract</h2>
 * {@link #next} may take time (model fitting) and runs on the experiment's own thread. It proposes a
 * point among the candidates; an empty answer means the policy has nothing more worth measuring. The
 * runtime checks every proposal against the instrument's envelope before it is measured.
 */
@ConsumerType
public interface Policy {

    /** Service property: the policy's name, as experiments refer to it. */
    String NAME = "condenser.experiment.policy";

    Optional<double[]> next(List<double[]> candidates, List<Measurement> measured);
}
