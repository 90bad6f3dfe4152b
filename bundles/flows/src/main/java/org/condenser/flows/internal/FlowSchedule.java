package org.condenser.flows.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

/**
 * Starts the runs of flows triggered by the clock. Each tick is planned from the last planned time,
 * not from when the last run ended, so a schedule does not drift. A tick is skipped, and counted,
 * while the flow's previous scheduled run is still waiting for a slot, so a flow slower than its
 * schedule does not pile up runs; ticks missed while the runtime was stopped are not made up.
 */
final class FlowSchedule implements AutoCloseable {

    /** A flow's plan: when it next runs, and how many ticks were skipped. */
    record Plan(ZonedDateTime next, long started, long skipped) {
    }

    private final FlowRunner runner;
    private final Logger log;
    private final Supplier<ZonedDateTime> clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "condenser-flows-schedule");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private final class Entry {
        final FlowDefinition flow;
        volatile ZonedDateTime next;
        volatile ScheduledFuture<?> future;
        volatile long started;
        volatile long skipped;

        Entry(FlowDefinition flow) {
            this.flow = flow;
        }
    }

    FlowSchedule(FlowRunner runner, Logger log, Supplier<ZonedDateTime> clock) {
        this.runner = runner;
        this.log = log;
        this.clock = clock;
    }

    /** Plans a scheduled flow, replacing its earlier plan; other flows are left alone (and unplanned). */
    void plan(FlowDefinition flow) {
        cancel(flow.name());
        if (!flow.trigger().type().equals("schedule")) {
            return;
        }
        Entry entry = new Entry(flow);
        entries.put(flow.name(), entry);
        arm(entry, flow.trigger().next(clock.get()));
    }

    void cancel(String flow) {
        Entry entry = entries.remove(flow);
        if (entry != null && entry.future != null) {
            entry.future.cancel(false);
        }
    }

    Map<String, Plan> plans() {
        Map<String, Plan> plans = new LinkedHashMap<>();
        entries.forEach((name, entry) -> plans.put(name, new Plan(entry.next, entry.started, entry.skipped)));
        return plans;
    }

    private void arm(Entry entry, ZonedDateTime when) {
        entry.next = when;
        long delay = Math.max(0, Duration.between(clock.get(), when).toMillis());
        entry.future = timer.schedule(() -> tick(entry), delay, TimeUnit.MILLISECONDS);
    }

    private void tick(Entry entry) {
        if (entries.get(entry.flow.name()) != entry) {
            return; // replaced or removed meanwhile
        }
        String name = entry.flow.name();
        ZonedDateTime planned = entry.next;
        try {
            if (runner.queued(name) > 0) {
                entry.skipped++;
                log.warn("flows: {} skipped its {} tick: its previous run still waits for a slot", name, planned);
            } else {
                Map<String, Object> inputs = new LinkedHashMap<>();
                inputs.put("scheduled", planned.toOffsetDateTime().toString());
                String run = runner.submit(name, inputs);
                entry.started++;
                log.info("flows: {} started by its schedule ({})", run, entry.flow.trigger().describe());
            }
        } catch (Exception e) {
            log.error("flows: {} was not started by its schedule: {}", name, e.getMessage());
        } finally {
            ZonedDateTime next = entry.flow.trigger().next(planned);
            ZonedDateTime now = clock.get();
            while (!next.isAfter(now)) {
                // the runtime was suspended or the machine busy: missed ticks are not made up
                entry.skipped++;
                next = entry.flow.trigger().next(next);
            }
            if (entries.get(name) == entry) {
                arm(entry, next);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        entries.clear();
    }
}
