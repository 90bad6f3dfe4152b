package org.condenser.telemetry.mqtt.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.api.data.PipelineStatus;
import org.condenser.api.data.Streams;
import org.condenser.api.experiment.ExperimentProgress;
import org.condenser.api.flow.FlowNotifications;
import org.condenser.api.flow.Flows;
import org.condenser.api.flow.RunEvent;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyReading;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.runtime.NodeStatus;
import org.condenser.api.runtime.RuntimeStatus;
import org.condenser.api.runtime.Users;
import org.condenser.api.telemetry.Alert;
import org.condenser.json.Json;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
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
 * Telemetry to one MQTT broker and commands from it (one component per
 * {@code org.condenser.telemetry.mqtt-NAME.cfg}). Topics, under {@code PREFIX/NODE/} (README,
 * "MQTT topics"; payloads in {@code schema/telemetry.schema.json}):
 * {@code status} (retained; birth, periodic, and the last will {@code offline}),
 * {@code instruments/ID/status} and {@code instruments/ID/properties/NAME} (retained, on change),
 * {@code pipelines/NAME}, {@code flows/runs}, {@code flows/notifications}, {@code alerts},
 * {@code telemetry} (this publisher's own figures), and {@code commands/CLIENT} → {@code replies/CLIENT}.
 */
@Component(service = { MqttTelemetry.class, EventHandler.class }, immediate = true,
        configurationPid = MqttTelemetryConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = { EventConstants.EVENT_TOPIC + "=" + Alert.TOPIC_PREFIX + "*",
                EventConstants.EVENT_TOPIC + "=" + RunEvent.TOPIC,
                EventConstants.EVENT_TOPIC + "=" + FlowNotifications.TOPIC,
                EventConstants.EVENT_TOPIC + "=" + ExperimentProgress.TOPIC })
@Designate(ocd = MqttTelemetryConfig.class, factory = true)
public final class MqttTelemetry implements EventHandler {

    private final String base;
    private final String node;
    private final Logger log;
    private final OutboundBuffer buffer;
    private final BrokerLink link;
    private final RemoteCommands commands;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "condenser-telemetry-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final ThreadPoolExecutor commandRunner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), r -> {
                Thread thread = new Thread(r, "condenser-telemetry-commands");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicLong commandsTaken = new AtomicLong();
    private final AtomicLong commandsRefusedBusy = new AtomicLong();
    /** The last value published per instrument property, so only changes are sent. */
    private final Map<String, Object> lastValues = new HashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final List<Instrument> instruments = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile RuntimeStatus runtime;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Streams streams;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Flows flows;

    @Activate
    public MqttTelemetry(MqttTelemetryConfig config, @Reference Users users,
            @Reference(service = LoggerFactory.class) Logger log) throws MqttException {
        this.log = log;
        this.node = config.node().isBlank() ? hostName() : config.node().strip();
        if (!node.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("telemetry: node '" + node + "' must be letters, digits, '.', '_' or '-' "
                    + "(it is a topic level)");
        }
        this.base = config.topicPrefix().strip() + "/" + node + "/";
        this.buffer = new OutboundBuffer(config.bufferSize());
        this.commands = new RemoteCommands(users, this::instrument, this::instrumentIds, () -> streams, () -> flows,
                config.maxCommandBytes());
        byte[] farewell = json(TelemetryValues.node(node, "offline", null));
        this.link = new BrokerLink(new BrokerLink.Settings(config.url(), "condenser-" + node, config.username(),
                config.password(), config.trustStore(), config.trustStorePassword(), base + "status", farewell,
                config.commands() ? List.of(base + "commands/+") : List.of()), buffer,
                () -> json(TelemetryValues.node(node, "online", status())), this::command, log);
        link.start();
        long statusMillis = Math.max(100, (long) (config.statusSeconds() * 1000));
        sampler.scheduleWithFixedDelay(this::publishStatus, 0, statusMillis, TimeUnit.MILLISECONDS);
        if (config.sampleSeconds() > 0) {
            long sampleMillis = Math.max(50, (long) (config.sampleSeconds() * 1000));
            sampler.scheduleWithFixedDelay(this::publishValues, 0, sampleMillis, TimeUnit.MILLISECONDS);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (UnknownHostException e) {
            return "condenser";
        }
    }

    private NodeStatus status() {
        RuntimeStatus service = runtime;
        return service == null ? null : service.snapshot();
    }

    private Optional<Instrument> instrument(String id) {
        return instruments.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    private List<String> instrumentIds() {
        return instruments.stream().map(Instrument::id).sorted().toList();
    }

    private static byte[] json(Object value) {
        return Json.write(value).getBytes(StandardCharsets.UTF_8);
    }

    private void publish(String topic, Object value, boolean retained) {
        buffer.offer(new OutboundBuffer.Message(base + topic, json(value), 1, retained));
    }

    private void publishStatus() {
        try {
            publish("status", TelemetryValues.node(node, "online", status()), true);
            for (Instrument instrument : instruments) {
                publish("instruments/" + instrument.id() + "/status",
                        TelemetryValues.status(instrument.id(), instrument.status()), true);
            }
            Streams live = streams;
            if (live != null) {
                for (PipelineStatus pipeline : live.snapshot()) {
                    publish("pipelines/" + pipeline.name(), TelemetryValues.pipeline(pipeline), false);
                }
            }
            publish("telemetry", figures(), false);
        } catch (RuntimeException e) {
            log.warn("telemetry: status not published: {}", e.toString());
        }
    }

    /** Reads every instrument's properties and publishes those whose value or status changed. */
    private void publishValues() {
        for (Instrument instrument : instruments) {
            try {
                for (PropertyReading reading : instrument.readAll()) {
                    ReadResult read = reading.result();
                    String key = instrument.id() + "/" + read.name();
                    Object seen = List.of(String.valueOf(read.value()), read.status());
                    if (!Objects.equals(lastValues.put(key, seen), seen)) {
                        publish("instruments/" + instrument.id() + "/properties/" + read.name(),
                                TelemetryValues.value(instrument.id(), read, reading.descriptor()), true);
                    }
                }
            } catch (RuntimeException e) {
                log.debug("telemetry: {} not sampled: {}", instrument.id(), e.toString());
            }
        }
    }

    /** This publisher's own figures: the buffer, the connection, commands. */
    private Map<String, Object> figures() {
        OutboundBuffer.Counts held = buffer.counts();
        BrokerLink.Counts connection = link.counts();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("connected", connection.connected());
        out.put("connections", connection.connections());
        out.put("sent", connection.sent());
        out.put("delivered", connection.delivered());
        out.put("buffered", held.waiting());
        out.put("bufferCapacity", held.capacity());
        out.put("dropped", held.dropped());
        out.put("superseded", held.superseded());
        out.put("commands", commandsTaken.get());
        out.put("commandsRefusedBusy", commandsRefusedBusy.get());
        out.put("lastProblem", connection.lastProblem());
        return out;
    }

    private void command(String topic, byte[] payload) {
        String client = topic.substring(topic.lastIndexOf('/') + 1);
        commandsTaken.incrementAndGet();
        try {
            commandRunner.execute(() -> buffer.offer(new OutboundBuffer.Message(base + "replies/" + client,
                    commands.handle(payload), 1, false)));
        } catch (RejectedExecutionException e) {
            commandsRefusedBusy.incrementAndGet();
            buffer.offer(new OutboundBuffer.Message(base + "replies/" + client, json(Map.of("ok", false, "error",
                    "busy: 64 commands are already waiting; try again")), 1, false));
        }
    }

    @Override
    public void handleEvent(Event event) {
        String topic = event.getTopic();
        if (topic.equals(RunEvent.TOPIC) && event.getProperty(RunEvent.EVENT_PROPERTY) instanceof RunEvent run) {
            publish("flows/runs", TelemetryValues.run(run), false);
        } else if (topic.equals(FlowNotifications.TOPIC)) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String key : new String[] { FlowNotifications.RUN, FlowNotifications.FLOW, FlowNotifications.LEVEL,
                    FlowNotifications.MESSAGE }) {
                out.put(key, String.valueOf(event.getProperty(key)));
            }
            publish("flows/notifications", out, false);
        } else if (event.getProperty(ExperimentProgress.EVENT_PROPERTY) instanceof ExperimentProgress progress) {
            publish("experiments/" + progress.id(), TelemetryValues.experiment(progress), false);
        } else if (event.getProperty(Alert.EVENT_PROPERTY) instanceof Alert alert) {
            publish("alerts", TelemetryValues.alert(alert), false);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        sampler.shutdownNow();
        commandRunner.shutdownNow();
        // a clean stop says so, rather than leaving the broker to announce a lost connection
        link.publishNow(base + "status", json(TelemetryValues.node(node, "offline", null)), true);
        link.close();
    }
}
