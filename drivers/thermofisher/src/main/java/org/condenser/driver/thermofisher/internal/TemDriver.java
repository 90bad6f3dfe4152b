package org.condenser.driver.thermofisher.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.InstrumentDriver;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.Stage;
import org.condenser.api.instrument.StagePosition;
import org.condenser.api.instrument.StatusDetail;
import org.condenser.api.instrument.ValueType;
import org.condenser.api.instrument.WriteResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A ThermoFisher TEM through a temscript server. Connects on its own thread, checks the server is
 * 2.0 or newer, learns the stage limits, cameras and STEM detectors, and reconnects when the server
 * goes away. Units are converted at the edge: temscript's kV become V; stage and defocus are
 * already in m and rad.
 */
@Component(service = InstrumentDriver.class, immediate = true, configurationPid = TemConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TemConfig.class, factory = true)
public final class TemDriver implements InstrumentDriver {

    static final String VENDOR = "temscript";
    private static final List<String> AXES = List.of("x", "y", "z", "a", "b");
    private static final List<String> STAGE_PROPERTIES = List.of(PropertyNames.STAGE_X, PropertyNames.STAGE_Y,
            PropertyNames.STAGE_Z, PropertyNames.STAGE_ALPHA, PropertyNames.STAGE_BETA);

    private final TemConfig config;
    private final TemscriptClient client;
    private final ScheduledExecutorService executor;
    private final long reconnectMillis;
    private volatile InstrumentStatus status = InstrumentStatus.initializing("connecting to the temscript server");
    private volatile Connected connected;
    private volatile boolean reconnecting;

    /** What the server told us when we connected. */
    record Connected(String family, String version, StagePosition lower, StagePosition upper, List<String> cameras,
            List<String> stemDetectors, List<PropertyDescriptor> properties) {
    }

    @Activate
    public TemDriver(TemConfig config) {
        this.config = config;
        this.client = new TemscriptClient(config.url(), Duration.ofMillis(Math.max(100, (long) (config.timeout() * 1000))));
        this.reconnectMillis = Math.max(100, (long) (config.reconnectInterval() * 1000));
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "condenser-temscript-" + config.id());
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::connect);
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
    }

    private void connect() {
        reconnecting = false;
        try {
            String version = String.valueOf(client.get("version"));
            if (major(version) < 2) {
                lost(InstrumentStatus.offline(StatusDetail.CONFIGURATION_ERROR, "the temscript server at "
                        + client.address() + " is version " + version + "; Condenser needs 2.0 or newer"));
                return;
            }
            String family = String.valueOf(client.get("family"));
            Map<?, ?> limits = (Map<?, ?>) client.get("stage_limits");
            double[] low = new double[5];
            double[] high = new double[5];
            for (int i = 0; i < AXES.size(); i++) {
                List<?> range = (List<?>) limits.get(AXES.get(i));
                low[i] = ((Number) range.get(0)).doubleValue();
                high[i] = ((Number) range.get(1)).doubleValue();
            }
            List<String> cameras = names(client.get("cameras"));
            List<String> detectors = names(client.get("stem_detectors"));
            StagePosition lower = new StagePosition(low[0], low[1], low[2], low[3], low[4]);
            StagePosition upper = new StagePosition(high[0], high[1], high[2], high[3], high[4]);
            connected = new Connected(family, version, lower, upper, cameras, detectors, descriptors(low, high));
            status = InstrumentStatus.online();
        } catch (IOException e) {
            lost(InstrumentStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                    "cannot reach the temscript server at " + client.address() + ": " + describe(e)));
        } catch (InstrumentException | RuntimeException e) {
            lost(InstrumentStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                    "the temscript server at " + client.address() + " answered unexpectedly: " + e.getMessage()));
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version.strip().split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> names(Object detectors) {
        List<String> names = new ArrayList<>();
        if (detectors instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> names.add(String.valueOf(k)));
        }
        return names;
    }

    private static List<PropertyDescriptor> descriptors(double[] low, double[] high) {
        List<PropertyDescriptor> list = new ArrayList<>();
        list.add(PropertyDescriptor.readOnly(PropertyNames.HIGH_TENSION, "V", ValueType.DOUBLE, "accelerating voltage"));
        list.add(new PropertyDescriptor(PropertyNames.DEFOCUS, "m", ValueType.DOUBLE, -1e-3, 1e-3, true, "defocus"));
        String[] units = { "m", "m", "m", "rad", "rad" };
        for (int i = 0; i < 5; i++) {
            list.add(new PropertyDescriptor(STAGE_PROPERTIES.get(i), units[i], ValueType.DOUBLE, low[i], high[i], true,
                    "stage " + AXES.get(i)));
        }
        list.add(PropertyDescriptor.readOnly(PropertyNames.COLUMN_VACUUM, "Pa", ValueType.DOUBLE,
                "column vacuum (first gauge)"));
        list.add(new PropertyDescriptor(PropertyNames.nativeName(VENDOR, "beam_shift"), "m", ValueType.VECTOR, -1e-3,
                1e-3, true, "beam shift (x, y)"));
        list.add(new PropertyDescriptor(PropertyNames.nativeName(VENDOR, "magnification_index"), "", ValueType.LONG, 1,
                100, true, "magnification index"));
        list.add(new PropertyDescriptor(PropertyNames.nativeName(VENDOR, "intensity"), "", ValueType.DOUBLE, 0, 1, true,
                "condenser intensity"));
        return List.copyOf(list);
    }

    private void lost(InstrumentStatus why) {
        status = why;
        synchronized (this) {
            if (!reconnecting && !executor.isShutdown()) {
                reconnecting = true;
                executor.schedule(this::connect, reconnectMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** A request; a lost server sets the status and starts reconnecting, then rethrows. */
    Object get(String endpoint) throws IOException, InstrumentException {
        checkOnline();
        try {
            return client.get(endpoint);
        } catch (IOException e) {
            lostDuring(e);
            throw e;
        }
    }

    Object put(String endpoint, Object value) throws IOException, InstrumentException {
        checkOnline();
        try {
            return client.put(endpoint, value);
        } catch (IOException e) {
            lostDuring(e);
            throw e;
        }
    }

    private void checkOnline() throws IOException {
        InstrumentStatus now = status;
        if (!now.isOnline()) {
            throw new IOException(config.id() + " is not connected: " + now);
        }
    }

    private void lostDuring(IOException e) {
        lost(InstrumentStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                "lost the temscript server at " + client.address() + ": " + describe(e)));
    }

    Connected connected() {
        return connected;
    }

    String instrumentId() {
        return config.id();
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public String vendor() {
        return "Thermo Fisher Scientific";
    }

    @Override
    public String model() {
        Connected c = connected;
        return c == null ? "temscript at " + config.url() : c.family() + " (temscript " + c.version() + ")";
    }

    @Override
    public InstrumentStatus status() {
        return status;
    }

    @Override
    public List<PropertyDescriptor> properties() {
        Connected c = connected;
        return c == null ? List.of() : c.properties();
    }

    @Override
    public List<ReadResult> read(List<String> names) throws Exception {
        Map<String, Object> cache = new LinkedHashMap<>();
        List<ReadResult> results = new ArrayList<>(names.size());
        for (String name : names) {
            try {
                results.add(ReadResult.ok(name, readOne(name, cache)));
            } catch (InstrumentException e) {
                results.add(ReadResult.failed(name, e.status(), config.id() + ": " + name + ": " + e.getMessage()));
            } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
                results.add(ReadResult.failed(name, RecordStatus.FAILED,
                        config.id() + ": " + name + ": the server's answer was malformed: " + e));
            }
        }
        return results;
    }

    /** One property, sharing GETs across a batch (stage_position answers five properties). */
    private Object readOne(String name, Map<String, Object> cache) throws IOException, InstrumentException {
        int axis = STAGE_PROPERTIES.indexOf(name);
        if (axis >= 0) {
            Map<?, ?> position = (Map<?, ?>) cached("stage_position", cache);
            return ((Number) position.get(AXES.get(axis))).doubleValue();
        }
        return switch (name) {
            case PropertyNames.HIGH_TENSION -> ((Number) cached("voltage", cache)).doubleValue() * 1000;
            case PropertyNames.DEFOCUS -> ((Number) cached("defocus", cache)).doubleValue();
            case PropertyNames.COLUMN_VACUUM -> {
                Map<?, ?> gauges = (Map<?, ?>) ((Map<?, ?>) cached("vacuum", cache)).get("gauges(Pa)");
                if (gauges == null || gauges.isEmpty()) {
                    throw new InstrumentException(RecordStatus.UNSUPPORTED, "the server reports no vacuum gauges");
                }
                yield ((Number) gauges.values().iterator().next()).doubleValue();
            }
            case "temscript:beam_shift" -> {
                List<?> shift = (List<?>) cached("beam_shift", cache);
                yield List.of(((Number) shift.get(0)).doubleValue(), ((Number) shift.get(1)).doubleValue());
            }
            case "temscript:magnification_index" -> ((Number) cached("magnification_index", cache)).longValue();
            case "temscript:intensity" -> ((Number) cached("intensity", cache)).doubleValue();
            default -> throw new InstrumentException(RecordStatus.UNKNOWN_PROPERTY, "no such property");
        };
    }

    private Object cached(String endpoint, Map<String, Object> cache) throws IOException, InstrumentException {
        if (!cache.containsKey(endpoint)) {
            cache.put(endpoint, get(endpoint));
        }
        return cache.get(endpoint);
    }

    @Override
    public List<WriteResult> write(Map<String, Object> values) throws Exception {
        Map<String, Object> stage = new LinkedHashMap<>();
        Map<String, WriteResult> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String name = entry.getKey();
            int axis = STAGE_PROPERTIES.indexOf(name);
            if (axis >= 0) {
                stage.put(AXES.get(axis), entry.getValue());
                continue;
            }
            String endpoint = switch (name) {
                case PropertyNames.DEFOCUS -> "defocus";
                case "temscript:beam_shift" -> "beam_shift";
                case "temscript:magnification_index" -> "magnification_index";
                case "temscript:intensity" -> "intensity";
                default -> null;
            };
            if (endpoint == null) {
                answers.put(name, WriteResult.failed(name, entry.getValue(), RecordStatus.NOT_WRITABLE,
                        config.id() + " cannot set " + name));
                continue;
            }
            answers.put(name, attempt(name, entry.getValue(), endpoint, entry.getValue()));
        }
        if (!stage.isEmpty()) {
            WriteResult moved = attempt("stage", stage, "stage_position?method=GO", stage);
            for (int i = 0; i < AXES.size(); i++) {
                if (stage.containsKey(AXES.get(i))) {
                    String name = STAGE_PROPERTIES.get(i);
                    answers.put(name, moved.isOk() ? WriteResult.ok(name, values.get(name))
                            : WriteResult.failed(name, values.get(name), moved.status(), moved.message()));
                }
            }
        }
        List<WriteResult> results = new ArrayList<>();
        values.keySet().forEach(name -> results.add(answers.get(name)));
        return results;
    }

    private WriteResult attempt(String name, Object requested, String endpoint, Object body) throws IOException {
        try {
            put(endpoint, body);
            return WriteResult.ok(name, requested);
        } catch (InstrumentException e) {
            return WriteResult.failed(name, requested, e.status(), config.id() + ": " + name + ": " + e.getMessage());
        }
    }

    @Override
    public <T> List<T> capabilities(Class<T> type) {
        Connected c = connected;
        if (c == null) {
            return List.of();
        }
        List<Object> found = new ArrayList<>();
        if (type == Stage.class) {
            found.add(new TemStage(this, c.lower(), c.upper()));
        } else if (type == Camera.class) {
            c.cameras().forEach(name -> found.add(new TemCamera(this, name)));
        } else if (type == ScanController.class && !c.stemDetectors().isEmpty()) {
            found.add(new TemScan(this, c.stemDetectors()));
        }
        List<T> typed = new ArrayList<>();
        found.forEach(f -> typed.add(type.cast(f)));
        return typed;
    }
}
