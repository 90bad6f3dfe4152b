package org.condenser.driver.sim.internal;

import java.util.SplittableRandom;

/** Counting statistics: a Poisson draw for an expected number of electrons. */
final class ShotNoise {

    private final SplittableRandom random;

    ShotNoise(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A Poisson-distributed count with the given mean (exact below 30, normal approximation above). */
    double count(double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        if (mean < 30) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int k = 0;
            while (product > limit) {
                product *= random.nextDouble();
                k++;
            }
            return k;
        }
        return Math.max(0, Math.rint(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
}
