package org.condenser.telemetry.pva.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.data.PipelineStatus;
import org.condenser.api.data.SeriesResult;
import org.condenser.api.data.Streams;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.PropertyReading;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.WriteResult;
import org.epics.pva.PVASettings;
import org.epics.pva.data.PVABool;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.PVAServer;
import org.epics.pva.server.ServerPV;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * An EPICS pvAccess server (core-pva) for control-room clients: every instrument property as an
 * NTScalar {@code PREFIX INSTRUMENT:PROPERTY} (units, limits and alarms from its descriptor,
 * the instrument's time stamps), each pipeline's figures as NTScalars {@code PREFIX PIPELINE:frames}
 * (a pipeline {@code arina/reduce} is {@code arina:reduce}),
 * {@code :framesPerSecond}, {@code :dropped}, {@code :failed}, {@code :queued}, and each stream's
 * latest virtual image or spectrum as an NTNDArray {@code PREFIX SOURCE:image}. A put to a
 * writable property is a write to the instrument, so it passes the safety envelope; a refusal is
 * the put's error, with the envelope's reason, and the PV keeps the instrument's value.
 */
@Component(immediate = true, configurationPid = PvaConfig.PID, service = PvaServer.class,
        property = { "osgi.command.scope=cnd", "osgi.command.function=pva" })
@Designate(ocd = PvaConfig.class)
public final class PvaServer {

    /** A served PV and the structure it was created with (its type never changes). */
    private record Served(ServerPV pv, PVAStructure data) {
    }

    private final PvaConfig config;
    private final Logger log;
    private final PVAServer server;
    /** Held: JUL keeps loggers weakly, and a collected one forgets its level. */
    private final java.util.logging.Logger pvaLog = java.util.logging.Logger.getLogger("org.epics.pva");
    private final Map<String, Served> pvs = new ConcurrentHashMap<>();
    /** The names of the instrument property PVs, as opposed to pipeline figures and images. */
    private final java.util.Set<String> propertyPvs = new java.util.HashSet<>();
    private final Map<String, Instant> imagesServed = new HashMap<>();
    private int imagesPublished;
    private final Map<String, long[]> lastReceived = new HashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "condenser-pva-sampler");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final List<Instrument> instruments = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Streams streams;

    @Activate
    public PvaServer(PvaConfig config, @Reference(service = LoggerFactory.class) Logger log) throws Exception {
        check(config);
        this.config = config;
        this.log = log;
        // Monitors merge updates a slow client has not taken yet, with a warning for each: the
        // newest value is what a monitor is for, so only errors are worth the log.
        pvaLog.setLevel(Level.SEVERE);
        // core-pva reads its network settings from static fields (JVM-wide; one server per runtime).
        PVASettings.EPICS_PVAS_INTF_ADDR_LIST = config.interfaces().strip();
        PVASettings.EPICS_PVA_SERVER_PORT = config.serverPort();
        PVASettings.EPICS_PVAS_BROADCAST_PORT = config.broadcastPort();
        try {
            this.server = new PVAServer();
        } catch (Exception e) {
            throw new IllegalStateException("pva: cannot serve on " + config.interfaces() + " TCP " + config.serverPort()
                    + " / UDP " + config.broadcastPort() + " (is another pvAccess server running? "
                    + "conf/" + PvaConfig.PID + ".cfg sets the ports): " + e, e);
        }
        long period = Math.max(50, (long) (config.sampleSeconds() * 1000));
        sampler.scheduleWithFixedDelay(this::sample, 0, period, TimeUnit.MILLISECONDS);
        log.info("pva: serving {} on {} (TCP {}, UDP {})", config.prefix() + "*", config.interfaces(),
                server.getTCPAddress(false), config.broadcastPort());
    }

    static void check(PvaConfig config) {
        if (config.interfaces().isBlank()) {
            throw new IllegalArgumentException("pva: interfaces is empty (127.0.0.1 for this machine only, 0.0.0.0 for all)");
        }
        for (int port : new int[] { config.serverPort(), config.broadcastPort() }) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("pva: port " + port + " is not a port (1-65535)");
            }
        }
        if (!config.prefix().matches("[A-Za-z0-9_:.-]*")) {
            throw new IllegalArgumentException("pva: prefix '" + config.prefix()
                    + "' may hold only letters, digits and _ : . - (it begins every PV name)");
        }
        if (!(config.sampleSeconds() > 0)) {
            throw new IllegalArgumentException("pva: sampleSeconds " + config.sampleSeconds() + " must be above 0");
        }
    }

    private void sample() {
        try {
            sampleInstruments();
            samplePipelines();
            sampleImages();
        } catch (RuntimeException e) {
            log.warn("pva: sample failed: {}", e.toString());
        }
    }

    private void sampleInstruments() {
        List<String> live = new ArrayList<>();
        for (Instrument instrument : instruments) {
            try {
                for (PropertyReading reading : instrument.readAll()) {
                    String name = config.prefix() + instrument.id() + ":" + reading.descriptor().name();
                    live.add(name);
                    Served served = pvs.computeIfAbsent(name, n -> serve(n, instrument.id(), reading.descriptor()));
                    publish(served, reading.result());
                }
            } catch (Exception e) {
                log.warn("pva: {} not sampled: {}", instrument.id(), e.toString());
            }
        }
        // PVs of instruments (or properties) that went away go with them
        for (String name : List.copyOf(propertyPvs)) {
            if (!live.contains(name)) {
                propertyPvs.remove(name);
                Served gone = pvs.remove(name);
                if (gone != null) {
                    gone.pv().close();
                }
            }
        }
        propertyPvs.addAll(live);
    }

    private Served serve(String name, String instrumentId, PropertyDescriptor descriptor) {
        PVAStructure data = NormativeTypes.property(descriptor);
        ServerPV pv = descriptor.writable() && config.writable()
                ? server.createPV(name, data, (tcp, target, changes, written) -> put(instrumentId, descriptor,
                        written))
                : server.createPV(name, data);
        return new Served(pv, data);
    }

    /**
     * A client's put: a write to the instrument, through its guard and safety envelope. core-pva
     * answers any failed put with a bare "Write failed", so the outcome, with the envelope's reason,
     * is also kept in the instrument's {@code PREFIX INSTRUMENT:putStatus} PV.
     */
    private void put(String instrumentId, PropertyDescriptor descriptor, PVAStructure written) throws Exception {
        Object value = plain(written.get("value"));
        String what = descriptor.name() + " = " + value;
        Optional<Instrument> instrument = instrument(instrumentId);
        if (instrument.isEmpty()) {
            putStatus(instrumentId, what + " refused: the instrument is gone", true);
            throw new IllegalStateException("instrument '" + instrumentId + "' is gone");
        }
        WriteResult result = instrument.get().write(Map.of(descriptor.name(), value)).get(0);
        if (result.status() != RecordStatus.OK) {
            String reason = what + " refused: " + result.status()
                    + (result.message().isEmpty() ? "" : ": " + result.message());
            putStatus(instrumentId, reason, true);
            throw new IllegalArgumentException(instrumentId + ":" + reason);
        }
        putStatus(instrumentId, what + ": OK", false);
        Served served = pvs.get(config.prefix() + instrumentId + ":" + descriptor.name());
        for (ReadResult read : instrument.get().read(List.of(descriptor.name()))) {
            publish(served, read); // the value the instrument took, not merely the one asked for
        }
    }

    private void putStatus(String instrumentId, String outcome, boolean refused) {
        set(figurePv(config.prefix() + instrumentId + ":putStatus", new PVAString("value", ""),
                "the outcome of the last put to " + instrumentId, ""), outcome, Instant.now(), null, refused);
    }

    private static Object plain(PVAData field) {
        if (field instanceof PVADouble) {
            return ((PVADouble) field).get();
        } else if (field instanceof PVALong) {
            return ((PVALong) field).get();
        } else if (field instanceof PVABool) {
            return ((PVABool) field).get();
        }
        return ((PVAString) field).get();
    }

    private Optional<Instrument> instrument(String id) {
        return instruments.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    private void publish(Served served, ReadResult read) {
        boolean ok = read.status() == RecordStatus.OK;
        set(served, ok ? read.value() : null, read.timestamp(),
                ok ? null : read.status() + (read.message().isEmpty() ? "" : ": " + read.message()), false);
    }

    /** Puts a value into a served NTScalar and tells the server; {@code minor} raises a MINOR alarm. */
    private void set(Served served, Object value, Instant time, String problem, boolean minor) {
        synchronized (served) {
            try {
                NormativeTypes.setScalar(served.data(), value, time, problem);
                if (minor) {
                    PVAStructure alarm = served.data().get("alarm");
                    alarm.get("severity").setValue(org.epics.pva.data.nt.PVAAlarm.AlarmSeverity.MINOR.ordinal());
                    alarm.get("message").setValue("put refused");
                }
                served.pv().update(served.data());
            } catch (Exception e) {
                log.warn("pva: {} not updated: {}", served.pv().getName(), e.toString());
            }
        }
    }

    private void samplePipelines() throws RuntimeException {
        Streams live = streams;
        if (live == null) {
            return;
        }
        long now = System.nanoTime();
        java.util.Set<String> running = new java.util.HashSet<>();
        for (PipelineStatus pipeline : live.snapshot()) {
            running.add(pipeline.name());
            long frames = pipeline.framesReceived();
            long[] before = lastReceived.put(pipeline.name(), new long[] { frames, now });
            double rate = before == null || now == before[1] ? 0
                    : Math.max(0, frames - before[0]) / ((now - before[1]) / 1e9);
            String base = config.prefix() + pvName(pipeline.name()) + ":";
            figure(base + "frames", new PVALong("value", false, 0), "frames received", "frames", frames);
            figure(base + "framesPerSecond", new PVADouble("value", 0), "frames received per second", "frames/s", rate);
            figure(base + "dropped", new PVALong("value", false, 0), "frames dropped by a full queue", "frames",
                    pipeline.framesDropped());
            figure(base + "failed", new PVALong("value", false, 0), "frames a stage could not process", "frames",
                    pipeline.framesFailed());
            figure(base + "queued", new PVALong("value", false, 0), "frames waiting in the stages' queues", "frames",
                    pipeline.framesQueued());
        }
        // a pipeline that stopped keeps its last counts, but no longer runs or queues anything
        for (String gone : List.copyOf(lastReceived.keySet())) {
            if (!running.contains(gone)) {
                lastReceived.remove(gone);
                String base = config.prefix() + pvName(gone) + ":";
                figure(base + "framesPerSecond", new PVADouble("value", 0), "frames received per second", "frames/s", 0.0);
                figure(base + "queued", new PVALong("value", false, 0), "frames waiting in the stages' queues", "frames", 0L);
            }
        }
    }

    /** A pipeline's name as a PV name part: "arina/reduce" becomes "arina:reduce". */
    static String pvName(String name) {
        return name.replace('/', ':').replaceAll("[^A-Za-z0-9_:.-]", "_");
    }

    private void figure(String name, PVAData type, String description, String unit, Object value) {
        set(figurePv(name, type, description, unit), value, Instant.now(), null, false);
    }

    /** A read-only NTScalar PV, made the first time it is named. */
    private Served figurePv(String name, PVAData type, String description, String unit) {
        return pvs.computeIfAbsent(name, n -> {
            PVAStructure data = NormativeTypes.figure(type, description, unit);
            return new Served(server.createPV(n, data), data);
        });
    }

    private void sampleImages() {
        Streams live = streams;
        if (live == null) {
            return;
        }
        for (SeriesResult result : live.latestResults().values()) {
            if (result.time().equals(imagesServed.get(result.source()))) {
                continue;
            }
            String name = config.prefix() + result.source() + ":image";
            Served served = pvs.computeIfAbsent(name, n -> {
                PVAStructure data = NormativeTypes.ndArray("latest virtual image of " + result.source());
                return new Served(server.createPV(n, data), data);
            });
            synchronized (served) {
                try {
                    NormativeTypes.setImage(served.data(), result.result(), ++imagesPublished, result.time());
                    served.pv().update(served.data());
                    imagesServed.put(result.source(), result.time());
                } catch (Exception e) {
                    log.warn("pva: {} not updated: {}", name, e.toString());
                }
            }
        }
    }

    @Descriptor("the pvAccess server: where it serves, its clients and its PVs")
    public void pva() {
        System.out.println("pva: serving on " + config.interfaces() + " (TCP " + server.getTCPAddress(false).getPort()
                + ", UDP " + config.broadcastPort() + "), " + pvs.size() + " PVs, " + server.getClientInfos().size()
                + " clients");
        for (String name : new TreeSet<>(pvs.keySet())) {
            System.out.println("  " + name);
        }
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
    }
}
