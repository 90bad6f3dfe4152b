package org.condenser.experiment.internal;

import java.util.Optional;

import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Policy;
import org.osgi.service.component.annotations.Component;

/**
 * The conventional acquisition: every candidate in the order the survey lists them, row by row, as a
 * spectrum image is recorded. The baseline every smarter policy is measured against.
 */
@Component(property = Policy.NAME + "=grid")
public final class GridPolicy implements Policy {

    @Override
    public Session open(Candidates candidates, long seed) {
        return new CandidateSession(candidates) {
            private int next;

            @Override
            public Optional<double[]> next() {
                while (next < candidates.size() && spent(next)) {
                    next++;
                }
                return propose(next < candidates.size() ? next : -1);
            }
        };
    }
}
