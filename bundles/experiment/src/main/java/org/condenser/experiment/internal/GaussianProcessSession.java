package org.condenser.experiment.internal;

import java.util.Optional;
import java.util.SplittableRandom;

import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Estimate;

/**
 * One experiment's Gaussian-process decisions: a few random points to start the model, then the
 * candidate of greatest worth under the acquisition function. The model's inputs are each
 * candidate's position and features, so what the survey image shows (vacuum, an edge, a dopant)
 * informs the estimate where nothing has been measured yet.
 */
final class GaussianProcessSession extends CandidateSession {

    private final GaussianProcess model;
    private final Acquisition acquisition;
    private final double parameter;
    private final int initial;
    private final int[] startOrder;
    private int started;

    GaussianProcessSession(Candidates candidates, long seed, Acquisition acquisition, double parameter, int initial) {
        super(candidates);
        this.acquisition = acquisition;
        this.parameter = parameter;
        this.initial = initial;
        SplittableRandom random = new SplittableRandom(seed);
        this.startOrder = RandomPolicy.permutation(candidates.size(), random.split());
        this.model = new GaussianProcess(inputs(candidates), candidates.positions().get(0).length, random.nextLong());
    }

    /** Each candidate's position followed by its features. */
    static double[][] inputs(Candidates candidates) {
        int n = candidates.size();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] p = candidates.positions().get(i);
            double[] f = candidates.features().get(i);
            double[] x = new double[p.length + f.length];
            System.arraycopy(p, 0, x, 0, p.length);
            System.arraycopy(f, 0, x, p.length, f.length);
            out[i] = x;
        }
        return out;
    }

    @Override
    public Optional<double[]> next() {
        if (remaining() == 0) {
            return Optional.empty();
        }
        if (model.observations() < initial) {
            while (started < startOrder.length && spent(startOrder[started])) {
                started++;
            }
            return propose(started < startOrder.length ? startOrder[started] : -1);
        }
        double best = model.standardBest();
        int choice = -1;
        double worth = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < model.candidates(); c++) {
            if (spent(c)) {
                continue;
            }
            double w = acquisition.worth(model.standardMean(c), model.standardSd(c), best, parameter);
            if (w > worth) {
                worth = w;
                choice = c;
            }
        }
        return propose(choice);
    }

    @Override
    void observed(int candidate, double value) {
        model.add(candidate, value);
    }

    @Override
    public Optional<Estimate> estimate() {
        if (model.observations() == 0) {
            return Optional.empty();
        }
        int n = model.candidates();
        double[] mean = new double[n];
        double[] sd = new double[n];
        for (int c = 0; c < n; c++) {
            mean[c] = model.mean(c);
            sd[c] = model.sd(c);
        }
        return Optional.of(new Estimate(mean, sd));
    }
}
