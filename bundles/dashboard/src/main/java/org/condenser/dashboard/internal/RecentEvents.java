package org.condenser.dashboard.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.flow.RunEvent;
import org.condenser.api.telemetry.Alert;

/**
 * The latest alerts and flow-run events, newest first, for the page. Only the last {@code kept} of
 * each are held; how many have been seen in all is shown, so the page says when it shows a part.
 */
final class RecentEvents {

    private final int kept;
    private final Deque<Map<String, Object>> alerts = new ArrayDeque<>();
    private final Deque<Map<String, Object>> runs = new ArrayDeque<>();
    private long alertsSeen;
    private long runsSeen;

    RecentEvents(int kept) {
        this.kept = Math.max(1, kept);
    }

    synchronized void alert(Alert alert) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", alert.source());
        out.put("severity", alert.severity().name());
        out.put("message", alert.message());
        out.put("time", alert.time().toString());
        add(alerts, out);
        alertsSeen++;
    }

    synchronized void run(RunEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", event.runId());
        out.put("flow", event.flow());
        out.put("step", event.step());
        out.put("state", event.state().name());
        out.put("message", event.message());
        out.put("time", event.time().toString());
        add(runs, out);
        runsSeen++;
    }

    private void add(Deque<Map<String, Object>> recent, Map<String, Object> item) {
        recent.addFirst(item);
        while (recent.size() > kept) {
            recent.removeLast();
        }
    }

    synchronized Map<String, Object> alerts() {
        return Map.of("seen", alertsSeen, "latest", List.copyOf(alerts));
    }

    synchronized Map<String, Object> runs() {
        return Map.of("seen", runsSeen, "latest", List.copyOf(runs));
    }
}
