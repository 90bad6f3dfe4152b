package org.condenser.experiment.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gaussian-process regression over a fixed set of candidate inputs, updated one observation at a
 * time. The kernel is the sum of two squared-exponential kernels, one over the position and one over
 * the features, each with its own variance and one length scale per dimension (ARD), plus noise; all
 * fitted by maximising the marginal likelihood. The sum says what a specimen does: what the image
 * shows (vacuum, lattice, a dopant) sets much of the value wherever it is, and what it does not show
 * varies smoothly in space. A product of the two would need points near every kind of patch in every
 * region.
 *
 * <p>Why incremental: an experiment adds one point per step and needs the posterior at every
 * candidate after each. For each observation i the process keeps the row {@code v_i = L^-1 k(X, c)}
 * over all candidates c (L the Cholesky factor of the observations' covariance), so adding a point
 * costs one new row, O(n N), instead of a solve per candidate, O(n^2 N). The new point's own row of L
 * is already there: it is the column of V at that candidate. Mean and variance at every candidate are
 * running sums over those rows. Refitting the hyperparameters rebuilds the rows, on a geometric
 * schedule so the total stays a small multiple of the last rebuild.
 *
 * <p>Values are standardised (mean and spread of those seen at the last fit) so the hyperparameters'
 * bounds mean the same for every scalar. Not thread-safe: one experiment thread uses it.
 */
final class GaussianProcess {

    /** Observations the hyperparameters are fitted on, at most (a random subset beyond): fitting is cubic. */
    private static final int FIT_SUBSET = 160;
    private static final int FIT_ITERATIONS = 60;
    private static final double LEARNING_RATE = 0.08;
    /** Refit when the observations have grown by this factor since the last fit. */
    private static final double REFIT_GROWTH = 1.4;
    /** Observations below which every addition refits (cheap, and the first guesses matter most). */
    private static final int ALWAYS_REFIT_BELOW = 12;

    /** Hyperparameters before the length scales. */
    private static final int HYPER = 3;

    private final double[][] inputs;
    private final int dimensions;
    private final int positionDimensions;
    private final SplittableRandom random;

    /** log position variance, log feature variance, log noise variance, then log length scale per dimension. */
    private double[] theta;
    private double[][] scaled;
    private double yMean;
    private double yScale = 1;
    private int fittedAt;

    private final List<Integer> observed = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final List<float[]> rows = new ArrayList<>();
    private double[] beta = new double[16];
    private final double[] meanSum;
    private final double[] varianceSum;

    /**
     * @param inputs each candidate's input vector (its position first, then its features)
     * @param positionDimensions how many leading dimensions are position, which start with shorter length scales
     * @param seed seeds the choice of fitting subsets
     */
    GaussianProcess(double[][] inputs, int positionDimensions, long seed) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("no candidates");
        }
        this.inputs = inputs;
        this.dimensions = inputs[0].length;
        this.positionDimensions = positionDimensions;
        this.random = new SplittableRandom(seed);
        this.meanSum = new double[inputs.length];
        this.varianceSum = new double[inputs.length];
        this.theta = initial();
        scale();
    }

    int candidates() {
        return inputs.length;
    }

    int observations() {
        return observed.size();
    }

    /** Adds the value measured at a candidate, refitting when the schedule says so. */
    void add(int candidate, double value) {
        observed.add(candidate);
        values.add(value);
        int n = observed.size();
        if (n < ALWAYS_REFIT_BELOW || n >= fittedAt * REFIT_GROWTH) {
            refit();
        } else {
            append(n - 1);
        }
    }

    /** Posterior mean at a candidate, in the values' unit. */
    double mean(int candidate) {
        return yMean + yScale * meanSum[candidate];
    }

    /** Posterior standard deviation at a candidate (of the latent function, noise excluded), in the values' unit. */
    double sd(int candidate) {
        return yScale * Math.sqrt(Math.max(0, signal() - varianceSum[candidate]));
    }

    /** The posterior mean and sd in standardised units, for acquisition functions. */
    double standardMean(int candidate) {
        return meanSum[candidate];
    }

    double standardSd(int candidate) {
        return Math.sqrt(Math.max(0, signal() - varianceSum[candidate]));
    }

    /** The best (largest) value seen, standardised. */
    double standardBest() {
        double best = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            best = Math.max(best, (v - yMean) / yScale);
        }
        return best;
    }

    /** The prior variance of the latent function: both parts'. */
    double signal() {
        return Math.exp(theta[0]) + Math.exp(theta[1]);
    }

    double positionVariance() {
        return Math.exp(theta[0]);
    }

    double featureVariance() {
        return Math.exp(theta[1]);
    }

    double noise() {
        return Math.exp(theta[2]);
    }


    /** Fits the hyperparameters to the observations and rebuilds the posterior with them. */
    void refit() {
        int n = observed.size();
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        yMean = sum / n;
        double spread = 0;
        for (double v : values) {
            spread += (v - yMean) * (v - yMean);
        }
        yScale = n > 1 && spread > 0 ? Math.sqrt(spread / (n - 1)) : 1;
        if (n >= 3) {
            fitHyperparameters();
        }
        fittedAt = n;
        rebuild();
    }

    /** Rebuilds the posterior with the hyperparameters as they are (what a refit does after fitting). */
    void rebuild() {
        scale();
        Arrays.fill(meanSum, 0);
        Arrays.fill(varianceSum, 0);
        rows.clear();
        for (int i = 0; i < observed.size(); i++) {
            append(i);
        }
    }

    /** Sets the log hyperparameters (tests, and warm starts). */
    void theta(double[] logHyperparameters) {
        if (logHyperparameters.length != theta.length) {
            throw new IllegalArgumentException(theta.length + " hyperparameters, not " + logHyperparameters.length);
        }
        theta = logHyperparameters.clone();
    }

    /** Inputs divided by their length scales, so the kernel is exp(-|a - b|^2 / 2) times the signal. */
    private void scale() {
        double[] inverse = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            inverse[d] = Math.exp(-theta[HYPER + d]);
        }
        if (scaled == null) {
            scaled = new double[inputs.length][dimensions];
        }
        for (int c = 0; c < inputs.length; c++) {
            for (int d = 0; d < dimensions; d++) {
                scaled[c][d] = inputs[c][d] * inverse[d];
            }
        }
    }

    /** The kernel between scaled inputs: position part plus feature part. */
    private double kernel(double[] x, double[] y) {
        double position = 0;
        for (int d = 0; d < positionDimensions; d++) {
            double t = x[d] - y[d];
            position += t * t;
        }
        double feature = 0;
        for (int d = positionDimensions; d < dimensions; d++) {
            double t = x[d] - y[d];
            feature += t * t;
        }
        return positionVariance() * Math.exp(-0.5 * position) + featureVariance() * Math.exp(-0.5 * feature);
    }

    /** Adds observation i (all before it already in) to the factor and the running sums. */
    private void append(int i) {
        int at = observed.get(i);
        double signal = signal();
        double[] l = new double[i];
        double sumSquares = 0;
        for (int j = 0; j < i; j++) {
            l[j] = rows.get(j)[at];
            sumSquares += l[j] * l[j];
        }
        // jitter keeps the factor positive when the noise is fitted very small and points are close
        double d = Math.sqrt(Math.max(signal + noise() - sumSquares, 1e-9 * signal));
        double z = (values.get(i) - yMean) / yScale;
        double b = z;
        for (int j = 0; j < i; j++) {
            b -= l[j] * beta[j];
        }
        b /= d;
        if (beta.length <= i) {
            beta = Arrays.copyOf(beta, beta.length * 2);
        }
        beta[i] = b;
        int count = inputs.length;
        double[] row = new double[count];
        double[] xi = scaled[at];
        for (int c = 0; c < count; c++) {
            row[c] = kernel(xi, scaled[c]);
        }
        for (int j = 0; j < i; j++) {
            float[] previous = rows.get(j);
            double lj = l[j];
            if (lj == 0) {
                continue;
            }
            for (int c = 0; c < count; c++) {
                row[c] -= lj * previous[c];
            }
        }
        float[] stored = new float[count];
        for (int c = 0; c < count; c++) {
            double v = row[c] / d;
            stored[c] = (float) v;
            meanSum[c] += v * b;
            varianceSum[c] += v * v;
        }
        rows.add(stored);
    }

    /**
     * Gradient ascent (Adam) on the log marginal likelihood over log hyperparameters, within bounds
     * that keep the model sensible on few points: length scales neither below a hundredth of the
     * field nor wider than it by much, noise at least 1e-4 of the signal.
     */
    private void fitHyperparameters() {
        int[] subset = subset();
        int m = subset.length;
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            z[i] = (values.get(subset[i]) - yMean) / yScale;
        }
        double[][] x = new double[m][];
        for (int i = 0; i < m; i++) {
            x[i] = inputs[observed.get(subset[i])];
        }
        // Two starts, the last fit and the neutral guess, the better kept: the likelihood has local
        // optima (all structure as noise, or none), and one start alone sometimes sticks in the worse.
        double[] fromLast = theta.clone();
        double fromLastLikelihood = ascend(x, z);
        double[] afterLast = theta;
        theta = initial();
        double fromNeutralLikelihood = ascend(x, z);
        if (fromLastLikelihood > fromNeutralLikelihood) {
            theta = afterLast;
        }
        if (!Double.isFinite(Math.max(fromLastLikelihood, fromNeutralLikelihood))) {
            theta = fromLast;
        }
    }

    private double[] initial() {
        double[] start = new double[HYPER + dimensions];
        start[0] = Math.log(0.5);
        start[1] = Math.log(dimensions > positionDimensions ? 0.5 : 1e-3);
        start[2] = Math.log(0.01);
        for (int d = 0; d < dimensions; d++) {
            start[HYPER + d] = Math.log(d < positionDimensions ? 0.1 : 1.0);
        }
        return start;
    }

    /** Adam from the current theta; leaves theta at the best point met and answers its likelihood. */
    private double ascend(double[][] x, double[] z) {
        int p = theta.length;
        double[] first = new double[p];
        double[] second = new double[p];
        double[] best = theta.clone();
        double bestLikelihood = Double.NEGATIVE_INFINITY;
        double[] gradient = new double[p];
        for (int iteration = 1; iteration <= FIT_ITERATIONS; iteration++) {
            double likelihood;
            try {
                likelihood = likelihood(x, z, gradient);
            } catch (IllegalArgumentException notPositiveDefinite) {
                break;
            }
            if (likelihood > bestLikelihood) {
                bestLikelihood = likelihood;
                best = theta.clone();
            }
            for (int k = 0; k < p; k++) {
                first[k] = 0.9 * first[k] + 0.1 * gradient[k];
                second[k] = 0.999 * second[k] + 0.001 * gradient[k] * gradient[k];
                double step = LEARNING_RATE * (first[k] / (1 - Math.pow(0.9, iteration)))
                        / (Math.sqrt(second[k] / (1 - Math.pow(0.999, iteration))) + 1e-8);
                theta[k] = bound(k, theta[k] + step);
            }
        }
        theta = best;
        return bestLikelihood;
    }

    private double bound(int k, double value) {
        double low;
        double high;
        if (k == 0 || k == 1) {
            low = Math.log(1e-3);
            high = Math.log(20);
        } else if (k == 2) {
            low = Math.log(1e-3);
            high = Math.log(1);
        } else if (k - HYPER < positionDimensions) {
            low = Math.log(0.01);
            high = Math.log(2);
        } else {
            low = Math.log(0.1);
            high = Math.log(30);
        }
        return Math.max(low, Math.min(high, value));
    }

    private int[] subset() {
        int n = observed.size();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= FIT_SUBSET) {
            return all;
        }
        // Half are the neighbours of one observation, so short-range correlation is seen even when the
        // points are spread thin; half are drawn from all, so the long range is seen too. A subset drawn
        // only at random from thinly spread points mistakes fine structure for noise.
        int anchor = observed.get(random.nextInt(n));
        Integer[] byDistance = new Integer[n];
        for (int i = 0; i < n; i++) {
            byDistance[i] = i;
        }
        double[] from = inputs[anchor];
        Arrays.sort(byDistance, (a, b) -> Double.compare(distance(from, inputs[observed.get(a)]),
                distance(from, inputs[observed.get(b)])));
        boolean[] taken = new boolean[n];
        int[] chosen = new int[FIT_SUBSET];
        int count = 0;
        for (int i = 0; i < FIT_SUBSET / 2; i++) {
            taken[byDistance[i]] = true;
            chosen[count++] = byDistance[i];
        }
        while (count < FIT_SUBSET) {
            int j = random.nextInt(n);
            if (!taken[j]) {
                taken[j] = true;
                chosen[count++] = j;
            }
        }
        return chosen;
    }

    /** The log marginal likelihood of z at theta, and its gradient with respect to log theta. */
    double likelihood(double[][] x, double[] z, double[] gradient) {
        int m = z.length;
        double positionVariance = Math.exp(theta[0]);
        double featureVariance = Math.exp(theta[1]);
        double noise = Math.exp(theta[2]);
        double[] inverse2 = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            inverse2[d] = Math.exp(-2 * theta[HYPER + d]);
        }
        double[][] kp = new double[m][m];
        double[][] kf = new double[m][m];
        double[][] k = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double rp = 0;
                for (int d = 0; d < positionDimensions; d++) {
                    double t = x[i][d] - x[j][d];
                    rp += t * t * inverse2[d];
                }
                double rf = 0;
                for (int d = positionDimensions; d < dimensions; d++) {
                    double t = x[i][d] - x[j][d];
                    rf += t * t * inverse2[d];
                }
                kp[i][j] = kp[j][i] = positionVariance * Math.exp(-0.5 * rp);
                kf[i][j] = kf[j][i] = featureVariance * Math.exp(-0.5 * rf);
                k[i][j] = k[j][i] = kp[i][j] + kf[i][j];
            }
            k[i][i] += noise + 1e-9 * (positionVariance + featureVariance);
        }
        double[][] l = Cholesky.factor(k);
        double[] alpha = Cholesky.solve(l, z);
        double[][] kInverse = Cholesky.inverse(l);
        double likelihood = -0.5 * dot(z, alpha) - 0.5 * m * Math.log(2 * Math.PI);
        for (int i = 0; i < m; i++) {
            likelihood -= Math.log(l[i][i]);
        }
        Arrays.fill(gradient, 0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double w = 0.5 * (alpha[i] * alpha[j] - kInverse[i][j]);
                gradient[0] += w * kp[i][j];
                gradient[1] += w * kf[i][j];
                if (i == j) {
                    gradient[2] += w * noise;
                }
                for (int d = 0; d < dimensions; d++) {
                    double t = x[i][d] - x[j][d];
                    double part = d < positionDimensions ? kp[i][j] : kf[i][j];
                    gradient[HYPER + d] += w * part * t * t * inverse2[d];
                }
            }
        }
        return likelihood;
    }

    /** Distance in position only: the leading dimensions. */
    private double distance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < positionDimensions; d++) {
            s += (a[d] - b[d]) * (a[d] - b[d]);
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
