package org.condenser.flows.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.flow.StepContext;
import org.condenser.api.provenance.DatasetActivity;

/**
 * A run's lineage (see {@link StepContext#lineage()}): grown by every step that makes a new
 * {@code file} from the one before, and kept in the run's values as plain JSON so the journal
 * carries it across a restart.
 */
final class FlowLineage {

    private FlowLineage() {
    }

    /**
     * The acquisition of the file that started a run, by the flow's instruments: Condenser did not
     * see the acquisition begin, so the record holds the instruments' state when the detector last
     * wrote the file.
     */
    static DatasetActivity acquisition(String file, Instant written, List<String> instruments, Map<String, Object> inputs) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (inputs.get("size") instanceof Number size) {
            attributes.put("bytes", String.valueOf(size.longValue()));
        }
        if (inputs.get("watcher") instanceof String watcher) {
            attributes.put("watcher", watcher);
        }
        return new DatasetActivity(absolute(file), "acquisition", written, written, instruments, "", "", List.of(),
                attributes);
    }

    /**
     * Files are named by absolute path in the lineage, as the steps name what they write, so a
     * record read later, elsewhere, says where each file was and one file has one name.
     */
    private static String absolute(String file) {
        return Path.of(file).toAbsolutePath().toString();
    }

    /**
     * The lineage after a step: when it output a new {@code file}, grown by the step's activity, with
     * its other plain outputs (a checksum, a size) as the new file's attributes; otherwise as it was.
     */
    static List<DatasetActivity> after(List<DatasetActivity> lineage, Object before, Map<String, Object> outputs,
            String runId, String flow, FlowDefinition.Step step, Instant start, Instant end) {
        if (!(outputs.get("file") instanceof String made) || made.equals(before)) {
            return lineage;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("flow", flow);
        attributes.put("run", runId);
        attributes.put("step", step.name());
        outputs.forEach((name, value) -> {
            if (!name.equals("file") && !name.equals(StepContext.LINEAGE)
                    && (value instanceof String || value instanceof Number || value instanceof Boolean)) {
                attributes.put(name, String.valueOf(value));
            }
        });
        List<DatasetActivity> grown = new ArrayList<>(lineage);
        grown.add(new DatasetActivity(absolute(made), step.type(), start, end, List.of(), "", "",
                before instanceof String source ? List.of(absolute(source)) : List.of(), attributes));
        return List.copyOf(grown);
    }

    static List<Map<String, Object>> write(List<DatasetActivity> lineage) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DatasetActivity a : lineage) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dataset", a.dataset());
            m.put("activity", a.activity());
            m.put("start", a.start().toString());
            m.put("end", a.end().toString());
            m.put("instruments", a.instruments());
            m.put("user", a.user());
            m.put("policy", a.policy());
            m.put("derivedFrom", a.derivedFrom());
            m.put("attributes", a.attributes());
            out.add(m);
        }
        return out;
    }

    /** The lineage a run's values hold: nothing when none was kept; a damaged journal entry named. */
    static List<DatasetActivity> read(Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("the run's lineage is not a list: " + value);
        }
        List<DatasetActivity> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("the run's lineage holds " + item + ", not an activity");
            }
            try {
                Map<String, String> attributes = new LinkedHashMap<>();
                if (m.get("attributes") instanceof Map<?, ?> given) {
                    given.forEach((k, v) -> attributes.put(String.valueOf(k), String.valueOf(v)));
                }
                out.add(new DatasetActivity((String) m.get("dataset"), (String) m.get("activity"),
                        Instant.parse((String) m.get("start")), Instant.parse((String) m.get("end")),
                        strings(m.get("instruments")), (String) m.get("user"), (String) m.get("policy"),
                        strings(m.get("derivedFrom")), attributes));
            } catch (ClassCastException | NullPointerException | DateTimeParseException e) {
                throw new IllegalArgumentException("the run's lineage holds a damaged activity " + m + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
