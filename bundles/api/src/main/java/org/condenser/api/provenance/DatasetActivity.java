package org.condenser.api.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What made a dataset, for its provenance record.
 *
 * @param dataset the dataset's id (a series id, a file's path)
 * @param activity what made it: {@code acquisition}, {@code stream}, {@code analysis}, {@code move}, …
 * @param start when the activity began
 * @param end when it ended
 * @param instruments the instruments it used, whose state and drift the record carries
 * @param user the person who asked for it (empty: not known)
 * @param policy the automated policy that chose it (empty: none)
 * @param derivedFrom the datasets it was made from (lineage through moves and analyses)
 * @param attributes facts about the dataset made, such as the checksum a verified move
 *        computed ({@code xxh64}), its size or the analysis that made it
 */
public record DatasetActivity(String dataset, String activity, Instant start, Instant end, List<String> instruments,
        String user, String policy, List<String> derivedFrom, Map<String, String> attributes) {

    public DatasetActivity {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException(dataset + ": the activity ends (" + end + ") before it starts (" + start + ")");
        }
        instruments = List.copyOf(instruments);
        user = user == null ? "" : user;
        policy = policy == null ? "" : policy;
        derivedFrom = List.copyOf(derivedFrom);
        attributes = Map.copyOf(attributes);
    }

    /** An activity whose dataset carries no attributes of its own. */
    public DatasetActivity(String dataset, String activity, Instant start, Instant end, List<String> instruments,
            String user, String policy, List<String> derivedFrom) {
        this(dataset, activity, start, end, instruments, user, policy, derivedFrom, Map.of());
    }
}
