package org.condenser.provenance.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.condenser.api.data.EmdArray;
import org.condenser.api.data.EmdFile;
import org.condenser.api.data.EmdFiles;
import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.StepContext;
import org.condenser.api.provenance.StateHistory;
import org.condenser.api.provenance.StateSample;
import org.condenser.api.telemetry.Alert;
import org.condenser.api.telemetry.Severity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The flow step {@code check-metadata}: what an incoming file says about the instrument (Velox's
 * optics and stage, or any metadata group holding Condenser's property names) against what the
 * state recorder saw at the file's time. Each mismatch beyond {@code tolerance} (relative, 0.01)
 * raises an alert naming both values, and the output {@code metadataCheck} lists what was
 * compared; with {@code onMismatch: quarantine} a mismatch also stops the run.
 * Parameters: {@code instrument} (required), {@code tolerance}, {@code onMismatch}
 * ({@code alert} or {@code quarantine}).
 */
@Component(service = FlowStep.class, property = FlowStep.TYPE + "=check-metadata")
public final class CheckMetadataStep implements FlowStep {

    static final String ALERT_TOPIC = Alert.TOPIC_PREFIX + "metadata";

    private final EmdFiles emd;
    private final StateHistory history;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    @Activate
    public CheckMetadataStep(@Reference EmdFiles emd, @Reference StateHistory history) {
        this.emd = emd;
        this.history = history;
    }

    @Override
    public void execute(StepContext context) throws Exception {
        if (!(context.inputs().get("file") instanceof String name)) {
            throw new IllegalArgumentException("check-metadata needs an input 'file'");
        }
        if (!(context.parameters().get("instrument") instanceof String instrument) || instrument.isBlank()) {
            throw new IllegalArgumentException("check-metadata needs the parameter 'instrument' (the instrument "
                    + "whose recorded state the file is checked against)");
        }
        double tolerance = context.parameters().get("tolerance") instanceof Number n ? n.doubleValue() : 0.01;
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("check-metadata: tolerance " + tolerance + " must be 0 or more");
        }
        String onMismatch = String.valueOf(context.parameters().getOrDefault("onMismatch", "alert"));
        if (!onMismatch.equals("alert") && !onMismatch.equals("quarantine")) {
            throw new IllegalArgumentException("check-metadata: onMismatch '" + onMismatch
                    + "' is not one of alert, quarantine");
        }
        Path file = Path.of(name);
        FileMetadata claims = read(file);
        Instant time = claims.time() != null ? claims.time() : Files.getLastModifiedTime(file).toInstant();
        Map<String, StateSample> recorded = history.stateAt(instrument, time);

        List<Object> compared = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        claims.values().forEach((property, claimed) -> {
            StateSample sample = recorded.get(property);
            if (sample == null) {
                return; // the recorder has no value for it at that time: nothing to compare with
            }
            boolean agrees = agrees(claimed, sample.value(), tolerance);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("property", property);
            line.put("file", claimed);
            line.put("recorded", sample.value());
            line.put("unit", sample.unit());
            line.put("agrees", agrees);
            compared.add(line);
            if (!agrees) {
                mismatches.add(property + " is " + claimed + " " + sample.unit() + " in the file but " + sample.value()
                        + " " + sample.unit() + " in the recorded state of " + instrument + " at " + sample.time());
            }
        });
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("instrument", instrument);
        check.put("time", time.toString());
        check.put("compared", compared);
        check.put("mismatches", mismatches);
        context.output("metadataCheck", check);
        for (String mismatch : mismatches) {
            alert(new Alert("metadata/" + file.getFileName(), Severity.WARNING,
                    "metadata mismatch in " + file.getFileName() + ": " + mismatch, Instant.now()));
        }
        if (!mismatches.isEmpty() && onMismatch.equals("quarantine")) {
            throw new IllegalStateException("metadata mismatch in " + file.getFileName() + ": "
                    + String.join("; ", mismatches));
        }
    }

    private void alert(Alert alert) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(ALERT_TOPIC, alert.eventProperties()));
        }
    }

    /** What a file claims, and when (null: it does not say). */
    record FileMetadata(Map<String, Object> values, Instant time) {
    }

    private FileMetadata read(Path file) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        Instant time = null;
        try (EmdFile opened = emd.open(file)) {
            for (Map<String, Object> group : opened.groups().values()) {
                group.forEach((key, value) -> {
                    if (value instanceof Number || value instanceof Boolean || value instanceof String) {
                        values.putIfAbsent(key, value);
                    }
                });
            }
            for (EmdArray array : opened.arrays()) {
                if (array.metadata().get("velox_metadata") instanceof String json) {
                    FileMetadata velox = VeloxMetadata.read(json);
                    velox.values().forEach(values::putIfAbsent);
                    time = time == null ? velox.time() : time;
                }
            }
        }
        return new FileMetadata(values, time);
    }

    static boolean agrees(Object claimed, Object recorded, double tolerance) {
        if (claimed instanceof Number a && recorded instanceof Number b) {
            double x = a.doubleValue();
            double y = b.doubleValue();
            return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y)) || x == y;
        }
        return Objects.equals(String.valueOf(claimed), String.valueOf(recorded));
    }
}
