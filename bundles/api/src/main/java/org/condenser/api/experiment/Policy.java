package org.condenser.api.experiment;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Chooses where to measure next in a closed-loop experiment (grid, random, Gaussian process…).
 * Registered as a service with {@link #NAME}; an experiment opens one {@link Session} per run.
 *
 * <h2>Contract</h2>
 * A session is used by one thread, the experiment's own, and may take time there (model fitting).
 * It proposes positions; the experiment checks every proposal before anything moves: a position
 * outside 0..1, not among the candidates, already measured, or refused by the instrument's envelope
 * is refused and handed back through {@link Session#exclude}, as are points whose measurement failed
 * or gave no finite scalar. A policy that keeps proposing refused points ends its experiment.
 */
@ConsumerType
public interface Policy {

    /** Service property: the policy's name, as experiments refer to it ({@code grid}, {@code gp-ucb}…). */
    String NAME = "condenser.experiment.policy";

    /**
     * Opens a session over one experiment's candidates.
     *
     * @param candidates the points that may be measured, with their features
     * @param seed seeds every random choice, so a run can be repeated
     */
    Session open(Candidates candidates, long seed);

    /** One experiment's decisions. */
    @ConsumerType
    interface Session {

        /** The next position to measure, or empty when nothing more is worth measuring. */
        Optional<double[]> next();

        /** A measurement was made (at a position this session proposed). */
        void observe(Measurement measurement);

        /** A position will not be measured (refused, failed, or no finite scalar); do not propose it again. */
        void exclude(double[] position, String reason);

        /** The model's estimate at every candidate, in the candidates' order; empty for a policy without one. */
        Optional<Estimate> estimate();
    }
}
