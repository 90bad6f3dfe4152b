package org.condenser.experiment.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Estimate;
import org.condenser.api.experiment.Measurement;
import org.condenser.api.experiment.Policy;

/**
 * What every policy's session keeps: the candidates, which are spent (measured or excluded), and the
 * way from a position back to its candidate.
 */
abstract class CandidateSession implements Policy.Session {

    final Candidates candidates;
    private final boolean[] spent;
    private final Map<List<Double>, Integer> index = new HashMap<>();
    private int remaining;

    CandidateSession(Candidates candidates) {
        this.candidates = candidates;
        this.spent = new boolean[candidates.size()];
        this.remaining = candidates.size();
        for (int i = 0; i < candidates.size(); i++) {
            index.put(key(candidates.positions().get(i)), i);
        }
    }

    private static List<Double> key(double[] position) {
        Double[] boxed = new Double[position.length];
        for (int i = 0; i < position.length; i++) {
            boxed[i] = position[i];
        }
        return List.of(boxed);
    }

    /** The candidate at this position, or -1. */
    final int indexOf(double[] position) {
        return index.getOrDefault(key(position), -1);
    }

    final boolean spent(int candidate) {
        return spent[candidate];
    }

    final int remaining() {
        return remaining;
    }

    private void spend(int candidate) {
        if (candidate >= 0 && !spent[candidate]) {
            spent[candidate] = true;
            remaining--;
        }
    }

    @Override
    public final void observe(Measurement measurement) {
        int candidate = indexOf(measurement.position());
        spend(candidate);
        if (candidate >= 0) {
            observed(candidate, measurement.value());
        }
    }

    @Override
    public final void exclude(double[] position, String reason) {
        spend(indexOf(position));
    }

    /** A value at a candidate, for policies with a model. */
    void observed(int candidate, double value) {
    }

    @Override
    public Optional<Estimate> estimate() {
        return Optional.empty();
    }

    /** The position of a candidate, as a proposal. */
    final Optional<double[]> propose(int candidate) {
        return candidate < 0 ? Optional.empty() : Optional.of(candidates.position(candidate));
    }
}
