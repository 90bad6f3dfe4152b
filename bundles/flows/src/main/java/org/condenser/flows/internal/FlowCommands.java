package org.condenser.flows.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code cnd:flows}, {@code cnd:flow run NAME [KEY=VALUE…]}, {@code cnd:flow history [N]}. */
@Component(service = FlowCommands.class, property = { "osgi.command.scope=cnd", "osgi.command.function=flows",
        "osgi.command.function=flow" })
public final class FlowCommands {

    private final FlowEngine engine;

    @Activate
    public FlowCommands(@Reference FlowEngine engine) {
        this.engine = engine;
    }

    @Descriptor("flows: each definition with its trigger and steps, runs under way and waiting, broken definitions")
    public void flows() {
        FlowRunner runner = engine.runner();
        Map<String, FlowDefinition> flows = runner.flows();
        if (flows.isEmpty() && engine.broken().isEmpty()) {
            System.out.println("no flows; put NAME.json in " + engine.folder());
        }
        flows.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(flow -> {
            FlowDefinition.Trigger trigger = flow.trigger();
            FlowSchedule.Plan plan = engine.schedules().get(flow.name());
            String detail = switch (trigger.type()) {
                case "file" -> " (watcher " + (trigger.watcher().isEmpty() ? "any" : trigger.watcher()) + ", "
                        + trigger.pattern() + ")";
                case "schedule" -> " (" + trigger.describe() + (plan == null ? ""
                        : "; next " + plan.next().toOffsetDateTime() + ", started " + plan.started() + ", skipped "
                                + plan.skipped()) + ")";
                default -> "";
            };
            System.out.printf("%s  trigger %s%s, concurrency %d, retries %d%s%n", flow.name(), trigger.type(), detail,
                    flow.concurrency(), flow.retries(), flow.instruments().isEmpty() ? ""
                            : ", acquired by " + String.join(", ", flow.instruments()));
            System.out.println("  steps: " + String.join(" -> ", flow.steps().stream().map(s -> s.name()
                    + (s.name().equals(s.type()) ? "" : " (" + s.type() + ")")).toList()));
            long running = runner.running().values().stream().filter(flow.name()::equals).count();
            System.out.printf("  running %d, waiting %d%n", running, runner.queued(flow.name()));
        });
        engine.broken().forEach((name, why) -> System.out.println(name + "  NOT USED: " + why));
        System.out.println("step types installed: " + engine.stepTypes());
    }

    @Descriptor("run NAME [KEY=VALUE…] starts a flow by hand; history [N] shows the last N runs with their timings")
    public void flow(String... words) throws Exception {
        if (words.length == 0) {
            throw new IllegalArgumentException("cnd:flow run NAME [KEY=VALUE…] or cnd:flow history [N]");
        }
        switch (words[0]) {
            case "run" -> {
                if (words.length < 2) {
                    throw new IllegalArgumentException("cnd:flow run needs a flow: " + engine.runner().flows().keySet());
                }
                Map<String, Object> inputs = new LinkedHashMap<>();
                for (String pair : Arrays.copyOfRange(words, 2, words.length)) {
                    int equals = pair.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("'" + pair + "' is not KEY=VALUE");
                    }
                    inputs.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
                System.out.println("started " + engine.runner().submit(words[1], inputs));
            }
            case "history" -> history(words.length > 1 ? Integer.parseInt(words[1]) : 20);
            default -> throw new IllegalArgumentException("cnd:flow " + words[0] + ": say run or history");
        }
    }

    private void history(int last) {
        List<RunRecord> runs = engine.runner().history();
        if (runs.isEmpty()) {
            System.out.println("no runs yet");
            return;
        }
        for (RunRecord run : runs.subList(Math.max(0, runs.size() - last), runs.size())) {
            System.out.printf(Locale.ROOT, "%s  %s  %.1f ms (steps %.1f ms, overhead %.2f ms = %.2f%%, queued %.1f ms)%s%n",
                    run.runId(), run.state(), run.totalNanos() / 1e6, run.activeNanos() / 1e6, run.overheadNanos() / 1e6,
                    run.totalNanos() == run.queuedNanos() ? 0
                            : 100.0 * run.overheadNanos() / (run.totalNanos() - run.queuedNanos()),
                    run.queuedNanos() / 1e6,
                    run.message().isEmpty() ? "" : "  " + run.message());
            for (RunRecord.StepTiming step : run.steps()) {
                System.out.printf(Locale.ROOT, "    %-16s %8.1f ms active, %8.1f ms wall%s%n", step.step(),
                        step.activeNanos() / 1e6, step.wallNanos() / 1e6,
                        step.attempts() > 1 ? ", " + step.attempts() + " attempts" : "");
            }
        }
    }
}
