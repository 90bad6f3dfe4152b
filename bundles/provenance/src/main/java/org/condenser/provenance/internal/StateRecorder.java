package org.condenser.provenance.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentCommand;
import org.condenser.api.instrument.PropertyReading;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.WriteResult;
import org.condenser.api.provenance.RecordedEvent;
import org.condenser.api.provenance.StateHistory;
import org.condenser.api.provenance.StateSample;
import org.condenser.api.runtime.RuntimeHome;
import org.condenser.api.telemetry.Alert;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The digital twin's record of a session: samples every instrument's properties at
 * {@code sampleSeconds}, keeps a value when it changed (and, unchanged, every
 * {@code heartbeatSeconds}, so any range finds the state at its start), and keeps every command
 * through the instrument service and every alert (envelope refusals among them) beside the
 * values, all in a durable bounded {@link StateStore}. Queried through {@link StateHistory}, and
 * in the shell with {@code cnd:history} ({@link HistoryCommand}).
 */
@Component(immediate = true, configurationPid = RecorderConfig.PID,
        service = { StateHistory.class, EventHandler.class, StateRecorder.class },
        property = { EventConstants.EVENT_TOPIC + "=" + Alert.TOPIC_PREFIX + "*",
                EventConstants.EVENT_TOPIC + "=" + InstrumentCommand.TOPIC })
@Designate(ocd = RecorderConfig.class)
public final class StateRecorder implements StateHistory, EventHandler {

    /** The last value kept per instrument property, and when. */
    private record Kept(Object value, long millis) {
    }

    private final StateStore store;
    private final Logger log;
    private final long heartbeatMillis;
    private final BlockingQueue<Map<String, Object>> events;
    private final AtomicLong eventsDropped = new AtomicLong();
    private final AtomicLong sampleFailures = new AtomicLong();
    private final Map<String, Kept> kept = new HashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "condenser-state-recorder");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final List<Instrument> instruments = new CopyOnWriteArrayList<>();

    @Activate
    public StateRecorder(BundleContext context, RecorderConfig config,
            @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        if (!(config.sampleSeconds() >= 0.05) || !(config.heartbeatSeconds() >= config.sampleSeconds())
                || config.eventQueue() < 1) {
            throw new IllegalArgumentException("recorder: sampleSeconds must be at least 0.05, heartbeatSeconds at least "
                    + "sampleSeconds, eventQueue at least 1 (they are " + config.sampleSeconds() + ", "
                    + config.heartbeatSeconds() + ", " + config.eventQueue() + ")");
        }
        this.log = log;
        this.heartbeatMillis = (long) (config.heartbeatSeconds() * 1000);
        this.events = new ArrayBlockingQueue<>(config.eventQueue());
        this.store = new StateStore(RuntimeHome.resolve(context::getProperty, config.folder()),
                (long) config.maxMegabytes() << 20, (long) config.segmentMegabytes() << 20);
        StateStore.Statistics opened = store.statistics();
        if (opened.truncatedBytes() > 0) {
            log.warn("recorder: the last record in {} was cut short ({} bytes, a crash while writing); cut off",
                    store.folder(), opened.truncatedBytes());
        }
        long period = Math.max(50, (long) (config.sampleSeconds() * 1000));
        sampler.scheduleWithFixedDelay(this::sample, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handleEvent(Event event) {
        Object payload = event.getProperty(event.getTopic().equals(InstrumentCommand.TOPIC)
                ? InstrumentCommand.EVENT_PROPERTY : Alert.EVENT_PROPERTY);
        Map<String, Object> record = new LinkedHashMap<>();
        if (payload instanceof InstrumentCommand) {
            InstrumentCommand command = (InstrumentCommand) payload;
            record.put("t", command.time().toEpochMilli());
            record.put("k", "event");
            record.put("kind", "command");
            record.put("src", command.instrument());
            record.put("msg", describe(command));
        } else if (payload instanceof Alert) {
            Alert alert = (Alert) payload;
            record.put("t", alert.time().toEpochMilli());
            record.put("k", "event");
            record.put("kind", "alert");
            record.put("src", alert.source());
            record.put("msg", alert.severity() + ": " + alert.message());
        } else {
            return;
        }
        if (!events.offer(record)) {
            eventsDropped.incrementAndGet();
        }
    }

    private static String describe(InstrumentCommand command) {
        List<String> parts = new ArrayList<>();
        for (WriteResult result : command.results()) {
            parts.add(result.name() + " = " + result.requested() + ": " + result.status()
                    + (result.status() == RecordStatus.OK || result.message().isEmpty() ? "" : " (" + result.message() + ")"));
        }
        return "write " + String.join(", ", parts);
    }

    /** One tick: every instrument's values that changed (or are due again), and the events since the last tick. */
    private void sample() {
        List<Map<String, Object>> batch = new ArrayList<>();
        events.drainTo(batch);
        for (Instrument instrument : instruments) {
            try {
                for (PropertyReading reading : instrument.readAll()) {
                    ReadResult read = reading.result();
                    if (read.status() != RecordStatus.OK) {
                        continue; // an unreadable value is no state; the instrument's own status says why
                    }
                    long millis = (read.timestamp() == null ? Instant.now() : read.timestamp()).toEpochMilli();
                    String key = instrument.id() + "\u0000" + read.name();
                    Kept before = kept.get(key);
                    if (before != null && Objects.equals(before.value(), read.value())
                            && millis - before.millis() < heartbeatMillis) {
                        continue;
                    }
                    kept.put(key, new Kept(read.value(), millis));
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("t", millis);
                    record.put("k", "sample");
                    record.put("i", instrument.id());
                    record.put("p", read.name());
                    record.put("v", read.value());
                    record.put("u", reading.descriptor().unit());
                    batch.add(record);
                }
            } catch (Exception e) {
                sampleFailures.incrementAndGet();
                log.debug("recorder: {} not sampled: {}", instrument.id(), e.toString());
            }
        }
        batch.sort((a, b) -> Long.compare(((Number) a.get("t")).longValue(), ((Number) b.get("t")).longValue()));
        try {
            store.append(batch);
        } catch (IOException | RuntimeException e) {
            log.error("recorder: {} records not stored in {}: {}", batch.size(), store.folder(), e.toString());
        }
    }

    @Override
    public List<StateSample> samples(String instrumentId, String property, Instant from, Instant to) {
        List<StateSample> out = new ArrayList<>();
        read(from.toEpochMilli(), to.toEpochMilli(), record -> {
            StateSample sample = sample(record);
            if (sample != null && sample.instrumentId().equals(instrumentId)
                    && (property == null || property.equals(sample.property()))) {
                out.add(sample);
            }
        });
        return out;
    }

    @Override
    public Map<String, StateSample> stateAt(String instrumentId, Instant time) {
        // every value is kept at least once per heartbeat, so the heartbeat before the instant holds them all
        Map<String, StateSample> state = new TreeMap<>();
        for (StateSample sample : samples(instrumentId, null, time.minusMillis(heartbeatMillis + 1000), time)) {
            state.put(sample.property(), sample);
        }
        return state;
    }

    @Override
    public List<RecordedEvent> events(Instant from, Instant to) {
        List<RecordedEvent> out = new ArrayList<>();
        read(from.toEpochMilli(), to.toEpochMilli(), record -> {
            if ("event".equals(record.get("k"))) {
                out.add(new RecordedEvent(String.valueOf(record.get("kind")), String.valueOf(record.get("src")),
                        String.valueOf(record.get("msg")), Instant.ofEpochMilli(((Number) record.get("t")).longValue())));
            }
        });
        return out;
    }

    private void read(long from, long to, Consumer<Map<?, ?>> reader) {
        try {
            store.read(from, to, reader);
        } catch (IOException e) {
            throw new IllegalStateException("recorder: the store in " + store.folder() + " cannot be read: " + e, e);
        }
    }

    private static StateSample sample(Map<?, ?> record) {
        if (!"sample".equals(record.get("k")) || !(record.get("i") instanceof String) || !(record.get("p") instanceof String)) {
            return null;
        }
        return new StateSample((String) record.get("i"), (String) record.get("p"), record.get("v"),
                record.get("u") == null ? "" : String.valueOf(record.get("u")),
                Instant.ofEpochMilli(((Number) record.get("t")).longValue()));
    }

    /** The store's figures and what was lost on the way in, for {@code cnd:history}. */
    String figures() {
        StateStore.Statistics s = store.statistics();
        return String.format("recorder: %s, %d segments, %.1f MiB, %d records written; evicted %d segments (%.1f MiB); "
                + "%d malformed lines skipped; %d events dropped (queue full); %d failed samples", store.folder(),
                s.segments(), s.bytes() / 1048576.0, s.records(), s.evictedSegments(), s.evictedBytes() / 1048576.0,
                s.malformedLines(), eventsDropped.get(), sampleFailures.get());
    }

    @Deactivate
    void deactivate() {
        sampler.shutdown();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
            sample(); // what came in since the last tick
            store.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.warn("recorder: {} not closed cleanly: {}", store.folder(), e.toString());
        }
    }
}
