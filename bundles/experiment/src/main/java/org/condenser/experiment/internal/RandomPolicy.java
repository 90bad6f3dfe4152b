package org.condenser.experiment.internal;

import java.util.Optional;
import java.util.SplittableRandom;

import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Policy;
import org.osgi.service.component.annotations.Component;

/** Candidates in a random order, the same for the same seed: the baseline a model has to beat. */
@Component(property = Policy.NAME + "=random")
public final class RandomPolicy implements Policy {

    @Override
    public Session open(Candidates candidates, long seed) {
        int[] order = permutation(candidates.size(), new SplittableRandom(seed));
        return new CandidateSession(candidates) {
            private int next;

            @Override
            public Optional<double[]> next() {
                while (next < order.length && spent(order[next])) {
                    next++;
                }
                return propose(next < order.length ? order[next] : -1);
            }
        };
    }

    /** A Fisher-Yates shuffle of 0..n-1. */
    static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
