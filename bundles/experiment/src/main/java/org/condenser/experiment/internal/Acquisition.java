package org.condenser.experiment.internal;

/** How a model's mean and uncertainty at a candidate become the worth of measuring it there. */
enum Acquisition {

    /** Upper confidence bound, mean + kappa sd: large kappa explores (maps), small exploits (finds the peak). */
    UCB {
        @Override
        double worth(double mean, double sd, double best, double parameter) {
            return mean + parameter * sd;
        }
    },
    /** Expected improvement over the best value seen, less a margin xi: hunts the maximum. */
    EI {
        @Override
        double worth(double mean, double sd, double best, double parameter) {
            if (sd <= 0) {
                return Math.max(0, mean - best - parameter);
            }
            double z = (mean - best - parameter) / sd;
            return (mean - best - parameter) * normalCdf(z) + sd * Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        }
    };

    /** Every argument in the model's standardised units. */
    abstract double worth(double mean, double sd, double best, double parameter);

    static double normalCdf(double z) {
        return 0.5 * (1 + erf(z / Math.sqrt(2)));
    }

    /** The error function, Abramowitz and Stegun 7.1.26 (1.5e-7): enough to rank candidates. */
    private static double erf(double x) {
        double sign = Math.signum(x);
        double a = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * a);
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-a * a);
        return sign * y;
    }
}
