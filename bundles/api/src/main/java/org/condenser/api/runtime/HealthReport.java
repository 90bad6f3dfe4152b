package org.condenser.api.runtime;

import java.util.List;

/**
 * Whether the node is healthy, and if not, each thing that is not, in words.
 *
 * @param problems one line per problem; empty when healthy
 */
public record HealthReport(List<String> problems) {

    public HealthReport {
        problems = List.copyOf(problems);
    }

    public boolean healthy() {
        return problems.isEmpty();
    }
}
