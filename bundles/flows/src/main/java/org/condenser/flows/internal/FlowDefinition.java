package org.condenser.flows.internal;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.condenser.json.Json;

/**
 * A flow as its JSON text describes it: a name, a trigger, bounded concurrency, a retry policy and
 * steps, each a named use of a step type with its parameters; {@code instruments}, optional, names
 * the instruments that acquire the files the flow takes, so the provenance of what it writes
 * carries their recorded state. Everything is checked when read; a broken definition is refused
 * naming the field and what is wrong, and no run starts from it.
 *
 * <pre>
 * {"name": "hyperspectral",
 *  "trigger": {"type": "file", "watcher": "picoprobe", "pattern": "*.emd"},
 *  "concurrency": 2, "retries": 3, "backoffSeconds": 0.5, "instruments": ["sim-stem"],
 *  "steps": [{"name": "move", "type": "move", "parameters": {"to": "nas"}}, …]}
 * </pre>
 */
record FlowDefinition(String name, Trigger trigger, int concurrency, int retries, double backoffSeconds,
        List<String> instruments, List<Step> steps) {

    /**
     * What starts a run: a file a watcher finished ({@code file}, by watcher and glob), a stream's
     * series reduced ({@code series}, by source), a person ({@code manual}), or the clock
     * ({@code schedule}: {@code every} as an ISO-8601 duration such as {@code PT15M}, or daily
     * {@code at} a local time such as {@code 02:30}).
     */
    record Trigger(String type, String watcher, String pattern, String source, Duration every, LocalTime at) {
        private static final Set<String> TYPES = Set.of("file", "series", "manual", "schedule");

        /** When a schedule next starts a run after {@code now}. */
        ZonedDateTime next(ZonedDateTime now) {
            if (every != null) {
                return now.plus(every);
            }
            ZonedDateTime today = now.with(at);
            return today.isAfter(now) ? today : today.plusDays(1);
        }

        /** The schedule in words. */
        String describe() {
            return every != null ? "every " + every.toString().substring(2).toLowerCase(Locale.ROOT) : "daily at " + at;
        }

        /** Whether a reduced series starts a run. */
        boolean matches(String streamSource) {
            return type.equals("series") && (source.isEmpty() || source.equals(streamSource));
        }

        /** Whether a completed file starts a run. */
        boolean matches(String fileWatcher, Path file) {
            if (!type.equals("file") || (!watcher.isEmpty() && !watcher.equals(fileWatcher))) {
                return false;
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            return matcher.matches(file.getFileName());
        }
    }

    /** One step: its name in this flow, the step type that runs it, its parameters. */
    record Step(String name, String type, Map<String, Object> parameters) {
    }

    static FlowDefinition parse(String text) {
        Object parsed = Json.parse(text);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a flow is a JSON object");
        }
        String name = string(map, "name", null);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        if (!(map.get("trigger") instanceof Map<?, ?> trigger)) {
            throw new IllegalArgumentException("flow " + name + ": 'trigger' must be an object");
        }
        String type = string(trigger, "type", null);
        if (!Trigger.TYPES.contains(type)) {
            throw new IllegalArgumentException("flow " + name + ": trigger type '" + type + "' is not one of "
                    + Trigger.TYPES);
        }
        Duration every = null;
        LocalTime at = null;
        if (type.equals("schedule")) {
            String period = optional(trigger, "every");
            String time = optional(trigger, "at");
            if (period.isEmpty() == time.isEmpty()) {
                throw new IllegalArgumentException("flow " + name + ": a schedule needs either 'every' (an ISO-8601 "
                        + "duration such as PT15M) or 'at' (a daily local time such as 02:30)");
            }
            if (!period.isEmpty()) {
                try {
                    every = Duration.parse(period);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("flow " + name + ": 'every' is '" + period
                            + "', not an ISO-8601 duration such as PT15M or PT1H");
                }
                if (every.compareTo(Duration.ofSeconds(1)) < 0) {
                    throw new IllegalArgumentException("flow " + name + ": 'every' must be at least one second, not "
                            + period);
                }
            } else {
                try {
                    at = LocalTime.parse(time);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("flow " + name + ": 'at' is '" + time
                            + "', not a time of day such as 02:30");
                }
            }
        }
        Trigger when = new Trigger(type, optional(trigger, "watcher"), string(trigger, "pattern", "*"),
                optional(trigger, "source"), every, at);
        int concurrency = (int) number(map, "concurrency", 1, 1, 64, name);
        int retries = (int) number(map, "retries", 2, 0, 20, name);
        double backoff = number(map, "backoffSeconds", 1, 0, 3600, name);
        List<String> instruments = new ArrayList<>();
        Object named = map.containsKey("instruments") ? map.get("instruments") : List.of();
        if (!(named instanceof List<?> ids) || ids.stream().anyMatch(i -> !(i instanceof String s) || s.isBlank())) {
            throw new IllegalArgumentException("flow " + name + ": 'instruments' must be a list of instrument ids, "
                    + "such as [\"sim-stem\"], not " + named);
        }
        ids.forEach(i -> instruments.add((String) i));
        if (!(map.get("steps") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("flow " + name + ": 'steps' must be a list of at least one step");
        }
        List<Step> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> step)) {
                throw new IllegalArgumentException("flow " + name + ": each step must be an object");
            }
            String stepType = string(step, "type", null);
            String stepName = string(step, "name", stepType);
            if (!names.add(stepName)) {
                throw new IllegalArgumentException("flow " + name + ": two steps are named '" + stepName + "'");
            }
            Object parameters = step.containsKey("parameters") ? step.get("parameters") : Map.of();
            if (!(parameters instanceof Map<?, ?> values)) {
                throw new IllegalArgumentException("flow " + name + ", step " + stepName + ": 'parameters' must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) values;
            steps.add(new Step(stepName, stepType, Map.copyOf(typed)));
        }
        return new FlowDefinition(name, when, concurrency, retries, backoff, List.copyOf(instruments),
                List.copyOf(steps));
    }

    private static String string(Map<?, ?> map, String key, String fallback) {
        Object value = map.get(key);
        if (value == null && fallback != null) {
            return fallback;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("'" + key + "' must be a non-empty string, not " + value);
        }
        return s;
    }

    private static String optional(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("'" + key + "' must be a string, not " + value);
        }
        return value == null ? "" : (String) value;
    }

    private static double number(Map<?, ?> map, String key, double fallback, double min, double max, String flow) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
            throw new IllegalArgumentException("flow " + flow + ": '" + key + "' must be a number from " + min + " to "
                    + max + ", not " + value);
        }
        return n.doubleValue();
    }
}
