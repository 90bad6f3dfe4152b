package org.condenser.dashboard.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.DataArray;
import org.condenser.api.data.PipelineStatus;
import org.condenser.api.data.SeriesResult;
import org.condenser.api.data.Streams;
import org.condenser.api.flow.Flows;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.PropertyReading;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.runtime.NodeStatus;
import org.condenser.api.runtime.RuntimeStatus;

/**
 * What the page shows, gathered once per update for every open page: the node, each instrument's
 * status and property values, each pipeline's figures (with its frame rate since the last
 * update), the flows and their recent runs, the recent alerts, and each stream's latest result
 * (an image is fetched as PNG; a spectrum travels in the update, at most {@value #SPECTRUM_POINTS}
 * points).
 */
final class DashboardSnapshot {

    static final int SPECTRUM_POINTS = 2048;

    /** Frames received and when, per pipeline, for the rates. */
    private final Map<String, long[]> lastFrames = new HashMap<>();

    Map<String, Object> take(RuntimeStatus runtime, List<Instrument> instruments, Streams streams, Flows flows,
            RecentEvents recent) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", Instant.now().toString());
        out.put("node", node(runtime == null ? null : runtime.snapshot()));
        List<Object> list = new ArrayList<>();
        for (Instrument instrument : instruments) {
            list.add(instrument(instrument));
        }
        out.put("instruments", list);
        out.put("pipelines", streams == null ? List.of() : pipelines(streams.snapshot()));
        out.put("results", streams == null ? List.of() : results(streams.latestResults()));
        out.put("flows", flows == null ? List.of() : flows.flows().stream().sorted().toList());
        out.put("runs", recent.runs());
        out.put("alerts", recent.alerts());
        return out;
    }

    private static Map<String, Object> node(NodeStatus status) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (status != null) {
            out.put("version", status.version());
            out.put("featureSet", status.featureSet());
            out.put("uptimeSeconds", status.uptime().toSeconds());
            out.put("bundles", status.bundlesActive() + " of " + status.bundlesTotal());
            out.put("problems", status.bundleProblems().size() + status.componentProblems().size());
        }
        return out;
    }

    private static Map<String, Object> instrument(Instrument instrument) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", instrument.id());
        try {
            InstrumentStatus status = instrument.status();
            out.put("state", status.state().name());
            out.put("message", status.message());
            List<Object> values = new ArrayList<>();
            for (PropertyReading reading : instrument.readAll()) {
                PropertyDescriptor d = reading.descriptor();
                ReadResult read = reading.result();
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("name", read.name());
                value.put("value", read.value() instanceof Number || read.value() instanceof Boolean ? read.value()
                        : String.valueOf(read.value()));
                value.put("unit", d.unit());
                value.put("status", read.status().name());
                value.put("writable", d.writable());
                if (Double.isFinite(d.minimum()) && Double.isFinite(d.maximum())) {
                    value.put("minimum", d.minimum());
                    value.put("maximum", d.maximum());
                }
                values.add(value);
            }
            out.put("properties", values);
        } catch (Exception e) {
            out.put("state", "UNREADABLE");
            out.put("message", e.toString());
            out.put("properties", List.of());
        }
        return out;
    }

    private List<Object> pipelines(List<PipelineStatus> pipelines) {
        long now = System.nanoTime();
        List<Object> out = new ArrayList<>();
        for (PipelineStatus pipeline : pipelines) {
            long frames = pipeline.framesReceived();
            long[] before = lastFrames.put(pipeline.name(), new long[] { frames, now });
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", pipeline.name());
            p.put("role", pipeline.role());
            p.put("frames", frames);
            p.put("framesPerSecond", before == null || now == before[1] ? 0.0
                    : Math.max(0, frames - before[0]) / ((now - before[1]) / 1e9));
            p.put("dropped", pipeline.framesDropped());
            p.put("failed", pipeline.framesFailed());
            p.put("queued", pipeline.framesQueued());
            p.put("memoryInUseBytes", pipeline.memoryInUseBytes());
            out.add(p);
        }
        return out;
    }

    private static List<Object> results(Map<String, SeriesResult> results) {
        List<Object> out = new ArrayList<>();
        for (SeriesResult result : results.values()) {
            DataArray data = result.result();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("source", result.source());
            r.put("series", result.seriesId());
            r.put("frames", result.frames());
            r.put("complete", result.complete());
            r.put("name", data.name());
            r.put("unit", data.unit());
            r.put("shape", java.util.Arrays.stream(data.shape()).boxed().toList());
            r.put("time", result.time().toString());
            if (data.shape().length == 1) {
                r.put("kind", "spectrum");
                r.put("axis", data.axes().get(0).name() + " (" + data.axes().get(0).unit() + ")");
                r.put("values", spectrum(data));
            } else {
                r.put("kind", "image");
                r.put("png", "api/image/" + URLEncoder.encode(result.source(), StandardCharsets.UTF_8) + ".png?t="
                        + result.time().toEpochMilli());
            }
            out.add(r);
        }
        return out;
    }

    /** A spectrum, binned down to at most {@value #SPECTRUM_POINTS} points by averaging. */
    static List<Double> spectrum(DataArray data) {
        int n = (int) data.elements();
        int bin = Math.max(1, (n + SPECTRUM_POINTS - 1) / SPECTRUM_POINTS);
        List<Double> out = new ArrayList<>();
        for (int start = 0; start < n; start += bin) {
            double sum = 0;
            int end = Math.min(n, start + bin);
            for (int i = start; i < end; i++) {
                sum += data.getDouble(i);
            }
            out.add(sum / (end - start));
        }
        return out;
    }
}
