package org.condenser.flows.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
 * A run's lineage (see {@link StepContext#lineage()}): begun with the acquisition of the run's file,
 * grown by every step that makes a new {@code file} from the one before, and kept in the run's
 * values as plain JSON so the journal carries it across a restart; read back for the steps that ask.
 */
final class FlowLineage {

    private FlowLineage() {
    }

    /**
     * A run's inputs with the acquisition of its file as the start of its lineage, when the flow
     * names the instruments that acquire its files and the file can be dated: by the watcher's
     * {@code modified}, else the file's own time. Condenser did not see the acquisition begin, so the
     * record holds the instruments' state when the detector last wrote the file.
     */
    static Map<String, Object> begin(List<String> instruments, Map<String, Object> inputs) {
        if (instruments.isEmpty() || !(inputs.get("file") instanceof String file)) {
            return inputs;
        }
        Instant written;
        if (inputs.get("modified") instanceof Number millis) {
            written = Instant.ofEpochMilli(millis.longValue());
        } else {
            try {
                written = Files.getLastModifiedTime(Path.of(file)).toInstant();
            } catch (IOException | InvalidPathException e) {
                return inputs; // no file to date: its first step will say so
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (inputs.get("size") instanceof Number size) {
            attributes.put("bytes", String.valueOf(size.longValue()));
        }
        if (inputs.get("watcher") instanceof String watcher) {
            attributes.put("watcher", watcher);
        }
        Map<String, Object> begun = new LinkedHashMap<>(inputs);
        begun.put(StepContext.LINEAGE, List.of(json(new DatasetActivity(absolute(file), "acquisition", written, written,
                instruments, "", "", List.of(), attributes))));
        return begun;
    }

    /**
     * Files are named by absolute path in the lineage, as the steps name what they write, so a
     * record read later, elsewhere, says where each file was and one file has one name.
     */
    private static String absolute(String file) {
        return Path.of(file).toAbsolutePath().toString();
    }

    /**
     * The lineage after a step, as the run's values keep it, when the step output a new
     * {@code file}: the kept lineage grown by the step's activity, with its other plain outputs (a
     * checksum, a size) as the new file's attributes. Null when the step made no new file. The
     * engine appends without reading what is kept, so a step's overhead does not grow with it.
     */
    static List<Object> after(Object kept, Object before, Map<String, Object> outputs, String runId, String flow,
            FlowDefinition.Step step, Instant start, Instant end) {
        if (!(outputs.get("file") instanceof String made) || made.equals(before)) {
            return null;
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
        List<Object> grown = new ArrayList<>(kept instanceof List<?> list ? list : List.of());
        grown.add(json(new DatasetActivity(absolute(made), step.type(), start, end, List.of(), "", "",
                before instanceof String source ? List.of(absolute(source)) : List.of(), attributes)));
        return grown;
    }

    private static Map<String, Object> json(DatasetActivity a) {
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
        return m;
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
