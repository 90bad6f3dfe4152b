package org.condenser.telemetry.mqtt.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.condenser.api.data.PipelineStatus;
import org.condenser.api.data.StageStatistics;
import org.condenser.api.experiment.ExperimentProgress;
import org.condenser.api.flow.RunEvent;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.WriteResult;
import org.condenser.api.runtime.NodeStatus;
import org.condenser.api.telemetry.Alert;

/**
 * The runtime's records as the plain maps and lists the JSON writer takes, with the field names the
 * published schema ({@code schema/telemetry.schema.json}) documents.
 */
final class TelemetryValues {

    private TelemetryValues() {
    }

    static Map<String, Object> node(String node, String state, NodeStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", node);
        out.put("state", state);
        out.put("time", Instant.now().toString());
        if (status != null) {
            out.put("version", status.version());
            out.put("featureSet", status.featureSet());
            out.put("startedAt", status.startedAt().toString());
            out.put("uptimeSeconds", status.uptime().toSeconds());
            out.put("bundlesActive", status.bundlesActive());
            out.put("bundlesTotal", status.bundlesTotal());
            out.put("problems", status.bundleProblems().size() + status.componentProblems().size());
            out.put("instruments", status.instruments().stream().map(i -> i.id()).toList());
        }
        return out;
    }

    static Map<String, Object> status(String instrument, InstrumentStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("instrument", instrument);
        out.put("state", status.state().name());
        out.put("detail", status.detail().name());
        out.put("message", status.message());
        out.put("time", Instant.now().toString());
        return out;
    }

    static Map<String, Object> value(String instrument, ReadResult read, PropertyDescriptor descriptor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("instrument", instrument);
        out.put("property", read.name());
        out.put("value", plain(read.value()));
        out.put("unit", descriptor == null ? "" : descriptor.unit());
        out.put("status", read.status().name());
        if (read.message() != null && !read.message().isEmpty()) {
            out.put("message", read.message());
        }
        out.put("time", (read.timestamp() == null ? Instant.now() : read.timestamp()).toString());
        return out;
    }

    static Map<String, Object> descriptor(PropertyDescriptor d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", d.name());
        out.put("unit", d.unit());
        out.put("type", d.type().name());
        out.put("minimum", d.minimum());
        out.put("maximum", d.maximum());
        out.put("writable", d.writable());
        out.put("description", d.description());
        return out;
    }

    static Map<String, Object> written(WriteResult w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("property", w.name());
        out.put("requested", plain(w.requested()));
        out.put("status", w.status().name());
        out.put("message", w.message() == null ? "" : w.message());
        return out;
    }

    static Map<String, Object> pipeline(PipelineStatus pipeline) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pipeline", pipeline.name());
        out.put("role", pipeline.role());
        out.put("memoryInUseBytes", pipeline.memoryInUseBytes());
        out.put("memoryCapacityBytes", pipeline.memoryCapacityBytes());
        out.put("stages", pipeline.stages().stream().map(TelemetryValues::stage).toList());
        out.put("time", Instant.now().toString());
        return out;
    }

    private static Object stage(StageStatistics s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stage", s.stage());
        out.put("policy", s.policy().name());
        out.put("queue", s.queueSize());
        out.put("free", s.queueFree());
        out.put("received", s.received());
        out.put("dropped", s.dropped());
        out.put("failed", s.failed());
        out.put("meanMicros", s.meanExecutionNanos() / 1000.0);
        out.put("threads", s.threads());
        return out;
    }

    static Map<String, Object> run(RunEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", event.runId());
        out.put("flow", event.flow());
        out.put("step", event.step());
        out.put("state", event.state().name());
        out.put("message", event.message());
        out.put("time", event.time().toString());
        return out;
    }

    static Map<String, Object> experiment(ExperimentProgress progress) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", progress.id());
        out.put("instrument", progress.instrument());
        out.put("policy", progress.policy());
        out.put("state", progress.state().name());
        out.put("measured", progress.measured());
        out.put("refused", progress.refused());
        out.put("failed", progress.failed());
        out.put("skipped", progress.skipped());
        out.put("budget", progress.budget());
        // JSON has no NaN: a value not yet known is left out
        if (Double.isFinite(progress.lastValue())) {
            out.put("lastValue", progress.lastValue());
        }
        if (Double.isFinite(progress.uncertainty())) {
            out.put("uncertainty", progress.uncertainty());
        }
        out.put("message", progress.message());
        out.put("file", progress.file());
        out.put("time", progress.time().toString());
        return out;
    }

    static Map<String, Object> alert(Alert alert) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", alert.source());
        out.put("severity", alert.severity().name());
        out.put("message", alert.message());
        out.put("time", alert.time().toString());
        return out;
    }

    /** Numbers, strings, booleans and lists of them as they are; anything else as its text. */
    static Object plain(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TelemetryValues::plain).toList();
        }
        if (value instanceof double[] values) {
            return java.util.Arrays.stream(values).boxed().toList();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }
}
