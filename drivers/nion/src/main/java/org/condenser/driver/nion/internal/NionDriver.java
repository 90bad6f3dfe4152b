package org.condenser.driver.nion.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.condenser.api.instrument.Spectrometer;
import org.condenser.api.instrument.StatusDetail;
import org.condenser.api.instrument.WriteResult;
import org.condenser.api.runtime.RuntimeHome;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A Nion STEM through the companion inside Swift. The driver owns the one connection (Swift is the
 * connection owner; scan and cameras hang off it) and keeps trying to (re)establish it on its own
 * thread: a wrong key leaves it OFFLINE / AUTHENTICATION_ERROR, a lost or silent peer
 * OFFLINE / COMMUNICATION_ERROR, and it comes back ONLINE by itself when Swift does.
 */
@Component(service = InstrumentDriver.class, immediate = true, configurationPid = NionConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NionConfig.class, factory = true)
public final class NionDriver implements InstrumentDriver {

    private final String id;
    private final NionConfig config;
    private final ScheduledExecutorService executor;
    private final long reconnectMillis;
    private final SwiftLink link;
    private volatile InstrumentStatus status = InstrumentStatus.initializing("connecting to Swift");
    private volatile ControlMap controls;
    private volatile Map<String, Object> hello = Map.of();
    private volatile boolean connecting;

    @Activate
    public NionDriver(NionConfig config, BundleContext context) {
        this.id = config.id();
        this.config = config;
        this.reconnectMillis = Math.max(100, (long) (config.reconnectInterval() * 1000));
        this.controls = new ControlMap(nativeControls(config), false);
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "condenser-nion-" + config.id());
            thread.setDaemon(true);
            return thread;
        });
        byte[] key;
        try {
            key = key(config, context);
        } catch (IOException | IllegalArgumentException e) {
            key = null;
            status = InstrumentStatus.offline(StatusDetail.CONFIGURATION_ERROR, e.getMessage());
        }
        this.link = key == null ? null
                : new SwiftLink(config.host(), config.port(), key, Math.max(100, (int) (config.callTimeout() * 1000)));
        if (link != null) {
            executor.execute(this::connect);
        }
    }

    private static byte[] key(NionConfig config, BundleContext context) throws IOException {
        String file = config.hmacKeyFile() == null ? "" : config.hmacKeyFile().trim();
        if (!file.isEmpty()) {
            Path path = RuntimeHome.resolve(context::getProperty, file);
            try {
                String key = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("the HMAC key file " + path + " is empty");
                }
                return key.getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IOException("cannot read the HMAC key file " + path + ": " + e.getMessage(), e);
            }
        }
        String key = config.hmacKey() == null ? "" : config.hmacKey().strip();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("no HMAC key configured (hmacKeyFile or hmacKey): the companion "
                    + "refuses unkeyed clients, and so does this driver");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> nativeControls(NionConfig config) {
        List<String> names = new ArrayList<>();
        for (String name : config.controls().split(",")) {
            if (!name.isBlank()) {
                names.add(name.strip());
            }
        }
        return names;
    }

    /** One attempt to reach the companion; schedules the next on failure. Runs on the driver's thread. */
    private void connect() {
        connecting = false;
        try {
            Object answer = link.call("hello");
            Map<String, Object> facts = new LinkedHashMap<>();
            if (answer instanceof Map<?, ?> map) {
                map.forEach((k, v) -> facts.put(String.valueOf(k), v));
            }
            hello = facts;
            controls = new ControlMap(nativeControls(config), Boolean.TRUE.equals(facts.get("scan")));
            status = InstrumentStatus.online();
        } catch (SwiftLink.KeyRefused e) {
            lost(InstrumentStatus.offline(StatusDetail.AUTHENTICATION_ERROR, e.getMessage()));
        } catch (IOException e) {
            lost(InstrumentStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                    "cannot reach the Swift companion at " + link.address() + ": " + describe(e)));
        } catch (InstrumentException | RuntimeException e) {
            lost(InstrumentStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                    "the Swift companion at " + link.address() + " did not answer hello: " + e.getMessage()));
        }
    }

    private void lost(InstrumentStatus why) {
        status = why;
        scheduleReconnect();
    }

    private synchronized void scheduleReconnect() {
        if (!connecting && !executor.isShutdown()) {
            connecting = true;
            executor.schedule(this::connect, reconnectMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Calls the companion. A lost link sets the status and starts reconnecting, then rethrows, so the
     * runtime reports the command as failed; a command while offline fails at once with the reason.
     */
    Object call(String method, Object... arguments) throws IOException, InstrumentException {
        InstrumentStatus now = status;
        if (link == null || !now.isOnline()) {
            throw new IOException(id + " is not connected: " + now);
        }
        try {
            return link.call(method, arguments);
        } catch (SwiftLink.KeyRefused e) {
            lost(InstrumentStatus.offline(StatusDetail.AUTHENTICATION_ERROR, e.getMessage()));
            throw e;
        } catch (IOException e) {
            lost(InstrumentStatus.offline(StatusDetail.COMMUNICATION_ERROR,
                    "lost the Swift companion at " + link.address() + ": " + describe(e)));
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        executor.shutdownNow();
        if (link != null) {
            link.close();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String vendor() {
        return "Nion";
    }

    @Override
    public String model() {
        return "Nion Swift at " + config.host() + ":" + config.port();
    }

    @Override
    public InstrumentStatus status() {
        return status;
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return controls.descriptors();
    }

    @Override
    public List<ReadResult> read(List<String> names) throws Exception {
        ControlMap map = controls;
        List<String> swiftNames = new ArrayList<>();
        for (String name : names) {
            String control = map.control(name);
            if (control != null && !swiftNames.contains(control)) {
                swiftNames.add(control);
            }
        }
        Map<String, List<?>> values = new LinkedHashMap<>();
        if (!swiftNames.isEmpty()) {
            List<?> answers = (List<?>) call("get_controls", swiftNames);
            for (int i = 0; i < swiftNames.size(); i++) {
                values.put(swiftNames.get(i), (List<?>) answers.get(i));
            }
        }
        Map<?, ?> probe = names.contains(PropertyNames.PROBE_POSITION) ? (Map<?, ?>) call("probe") : null;
        Map<?, ?> frame = names.contains(PropertyNames.FIELD_OF_VIEW) ? (Map<?, ?>) call("frame_parameters") : null;
        List<ReadResult> results = new ArrayList<>(names.size());
        for (String name : names) {
            String control = map.control(name);
            if (control != null) {
                List<?> answer = values.get(control);
                if (Boolean.TRUE.equals(answer.get(0))) {
                    double value = ((Number) answer.get(1)).doubleValue();
                    results.add(ReadResult.ok(name, PropertyNames.BLANKER.equals(name) ? (Object) (value != 0) : value));
                } else {
                    results.add(ReadResult.failed(name, RecordStatus.FAILED, id + ": Swift has no control " + control));
                }
            } else if (PropertyNames.PROBE_POSITION.equals(name) && probe != null) {
                Object position = probe.get("position");
                results.add(ReadResult.ok(name, position instanceof List<?> yx
                        ? List.of(((Number) yx.get(0)).doubleValue(), ((Number) yx.get(1)).doubleValue()) : List.of()));
            } else if (PropertyNames.FIELD_OF_VIEW.equals(name) && frame != null) {
                results.add(ReadResult.ok(name, ((Number) frame.get("fov_nm")).doubleValue() / 1e9));
            } else {
                results.add(ReadResult.failed(name, RecordStatus.UNKNOWN_PROPERTY, id + " has no property " + name));
            }
        }
        return results;
    }

    @Override
    public List<WriteResult> write(Map<String, Object> values) throws Exception {
        ControlMap map = controls;
        List<List<Object>> settings = new ArrayList<>();
        List<String> settingNames = new ArrayList<>();
        Map<String, WriteResult> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            String control = map.control(name);
            if (control != null) {
                double number = value instanceof Boolean b ? (b ? 1.0 : 0.0) : ((Number) value).doubleValue();
                settings.add(Arrays.asList(control, number));
                settingNames.add(name);
            } else if (PropertyNames.PROBE_POSITION.equals(name)) {
                List<?> yx = (List<?>) value;
                if (yx.size() != 2) {
                    answers.put(name, WriteResult.failed(name, value, RecordStatus.WRONG_TYPE,
                            id + ": probe_position takes (y, x)"));
                    continue;
                }
                call("set_probe_position", yx.get(0), yx.get(1));
                answers.put(name, WriteResult.ok(name, value));
            } else if (PropertyNames.FIELD_OF_VIEW.equals(name)) {
                call("set_frame_parameters", Map.of("fov_nm", ((Number) value).doubleValue() * 1e9));
                answers.put(name, WriteResult.ok(name, value));
            } else {
                answers.put(name, WriteResult.failed(name, value, RecordStatus.UNKNOWN_PROPERTY,
                        id + " has no property " + name));
            }
        }
        if (!settings.isEmpty()) {
            List<?> confirmed = (List<?>) call("set_controls", settings);
            for (int i = 0; i < settingNames.size(); i++) {
                List<?> answer = (List<?>) confirmed.get(i);
                String name = settingNames.get(i);
                answers.put(name, Boolean.TRUE.equals(answer.get(0)) ? WriteResult.ok(name, values.get(name))
                        : WriteResult.failed(name, values.get(name), RecordStatus.FAILED, id + ": " + answer.get(1)));
            }
        }
        List<WriteResult> results = new ArrayList<>(values.size());
        values.keySet().forEach(name -> results.add(answers.get(name)));
        return results;
    }

    @Override
    public <T> List<T> capabilities(Class<T> type) {
        Map<String, Object> facts = hello;
        Object capability = null;
        if (type == ScanController.class && Boolean.TRUE.equals(facts.get("scan"))) {
            capability = new SwiftScan(this);
        } else if (type == Spectrometer.class && Boolean.TRUE.equals(facts.get("eels"))) {
            capability = new SwiftSpectrometer(this);
        } else if (type == Camera.class && Boolean.TRUE.equals(facts.get("ronchigram"))) {
            capability = new SwiftCamera(this, "ronchigram");
        }
        return capability == null ? List.of() : List.of(type.cast(capability));
    }
}
