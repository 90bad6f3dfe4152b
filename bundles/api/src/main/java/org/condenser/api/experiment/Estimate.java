package org.condenser.api.experiment;

/**
 * A model's estimate of the scalar at every candidate, in the candidates' order.
 *
 * @param mean the expected value
 * @param sd its standard deviation, the model's uncertainty; 0 or more
 */
public record Estimate(double[] mean, double[] sd) {

    public Estimate {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException(mean.length + " means but " + sd.length + " uncertainties");
        }
        mean = mean.clone();
        sd = sd.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] sd() {
        return sd.clone();
    }

    /** The largest uncertainty over the candidates. */
    public double maxSd() {
        double max = 0;
        for (double s : sd) {
            max = Math.max(max, s);
        }
        return max;
    }
}
