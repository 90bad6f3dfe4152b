package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.RecordStatus;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Telemetry and remote commands against a real Mosquitto on loopback: what arrives under the topic
 * tree, commands answered with their reasons, and a broker restart in the middle of it all.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class MqttTelemetryIT {

    private static final String BASE = "condenser/it-node/";

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    @InjectService(timeout = 20_000)
    ConfigurationAdmin configurations;

    @InjectService(filter = "(condenser.instrument.id=sim-stem)", timeout = 20_000)
    Instrument sim;

    private final List<String[]> received = new CopyOnWriteArrayList<>();
    /** Everything that arrived, for the schema check at the end. */
    private final List<String[]> everything = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private MqttClient listen(Mosquitto broker) throws Exception {
        MqttClient client = new MqttClient(broker.url(), "it-listener", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        // a session the broker keeps while this listener is away: what is published meanwhile waits for it
        options.setCleanSession(false);
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                String[] arrived = { topic, new String(message.getPayload(), StandardCharsets.UTF_8) };
                received.add(arrived);
                everything.add(arrived);
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        client.subscribe(BASE + "#", 1);
        return client;
    }

    private boolean seen(String topic, String... fragments) {
        return received.stream().anyMatch(m -> m[0].equals(topic) && List.of(fragments).stream().allMatch(m[1]::contains));
    }

    private String dump() {
        StringBuilder out = new StringBuilder();
        received.stream().skip(Math.max(0, received.size() - 30)).forEach(m -> out.append(m[0]).append(' ')
                .append(m[1]).append('\n'));
        return out.toString();
    }

    /** Sends a command as client {@code tester} and waits for the reply with its id. */
    private String command(MqttClient client, String json) throws Exception {
        return command(client, json, true);
    }

    /**
     * Sends a command as client {@code tester} and waits for its reply: the one with its id, or, for a
     * command too broken to have one read ({@code identified} false), the next reply without an id.
     */
    private String command(MqttClient client, String json, boolean identified) throws Exception {
        String id = "c" + ids.incrementAndGet();
        String body = identified ? "{\"id\": \"" + id + "\", " + json.substring(1) : json;
        client.publish(BASE + "commands/tester", body.getBytes(StandardCharsets.UTF_8), 1, false);
        String[] reply = new String[1];
        Await.until("the reply to " + body, () -> {
            for (String[] m : received) {
                if (m[0].equals(BASE + "replies/tester") && m[1].contains(identified ? "\"id\":\"" + id + "\""
                        : "\"id\":null")) {
                    reply[0] = m[1];
                    received.remove(m);
                    return true;
                }
            }
            return false;
        }, this::dump);
        return reply[0];
    }

    /** Every message that arrived, by topic, validated by Python's jsonschema against the published schema. */
    private String schemaCheck(Path folder) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (String[] message : everything) {
            if (!message[0].contains("/commands/")) {
                lines.append(message[0]).append('\t').append(message[1]).append('\n');
            }
        }
        Path messages = Files.writeString(folder.resolve("messages.tsv"), lines);
        String verdict = Python.run("""
                import json, sys, re, jsonschema
                schema = json.load(open(sys.argv[1]))
                kinds = [(r'/status$', 'status'), (r'/instruments/[^/]+/status$', 'instrumentStatus'),
                         (r'/instruments/[^/]+/properties/', 'propertyValue'), (r'/pipelines/', 'pipeline'),
                         (r'/flows/runs$', 'flowRun'), (r'/flows/notifications$', 'notification'), (r'/alerts$', 'alert'),
                         (r'/telemetry$', 'telemetry'), (r'/replies/', 'reply')]
                counts = {}
                for line in open(sys.argv[2]):
                    topic, payload = line.rstrip('\\n').split('\\t', 1)
                    kind = [k for p, k in kinds if re.search(p, topic)]
                    if not kind:
                        print('no schema for ' + topic); sys.exit(1)
                    kind = kind[-1] if '/instruments/' in topic else kind[0]
                    jsonschema.validate(json.loads(payload), {**schema['$defs'][kind], '$defs': schema['$defs']})
                    counts[kind] = counts.get(kind, 0) + 1
                print('checked ' + json.dumps(counts, sort_keys=True))
                """, Path.of(context.getProperty("condenser.itest.schemas"), "telemetry.schema.json").toString(),
                messages.toString());
        return verdict.strip();
    }

    @Test
    void telemetryAndCommandsGoThroughARealBrokerAndSurviveItsRestart() throws Exception {
        Path folder = Files.createTempDirectory("mosquitto-it");
        assertThat(Shell.run(shell, "cnd:user add it-operator operator op-secret-1").failure()).isNull();
        assertThat(Shell.run(shell, "cnd:user add it-viewer viewer view-secret-1").failure()).isNull();
        try (Mosquitto broker = new Mosquitto(folder)) {
            broker.start();
            MqttClient client = listen(broker);
            Configuration config = configurations.getFactoryConfiguration("org.condenser.telemetry.mqtt", "it", "?");
            Hashtable<String, Object> settings = new Hashtable<>();
            settings.put("url", broker.url());
            settings.put("node", "it-node");
            settings.put("statusSeconds", 0.3);
            settings.put("sampleSeconds", 0.2);
            settings.put("maxCommandBytes", 4096);
            config.update(settings);
            try {
                Await.until("the node is online", () -> seen(BASE + "status", "\"state\":\"online\"", "\"featureSet\""),
                        this::dump);
                Await.until("the instrument's status and a property value arrive", () -> seen(
                        BASE + "instruments/sim-stem/status", "\"state\":\"ONLINE\"") && seen(BASE
                                + "instruments/sim-stem/properties/defocus", "\"unit\":\"m\"", "\"status\":\"OK\""),
                        this::dump);
                Await.until("the publisher's own figures arrive", () -> seen(BASE + "telemetry", "\"connected\":true",
                        "\"dropped\":0"), this::dump);

                // commands: answered, authorized, refused with reasons
                String read = command(client, "{\"command\": \"read\", \"user\": \"it-viewer\", \"password\": "
                        + "\"view-secret-1\", \"instrument\": \"sim-stem\", \"properties\": [\"defocus\"]}");
                assertThat(read).contains("\"ok\":true", "\"property\":\"defocus\"");
                assertThat(command(client, "{\"command\": \"write\", \"user\": \"it-viewer\", \"password\": "
                        + "\"view-secret-1\", \"instrument\": \"sim-stem\", \"values\": {\"defocus\": 1e-8}}"))
                        .contains("\"ok\":false", "it-viewer is viewer; write needs operator");
                assertThat(command(client, "{\"command\": \"write\", \"user\": \"it-operator\", \"password\": "
                        + "\"op-secret-1\", \"instrument\": \"sim-stem\", \"values\": {\"defocus\": 2e-8}}"))
                        .contains("\"ok\":true", "\"status\":\"OK\"");
                assertThat(command(client, "{\"command\": \"write\", \"user\": \"it-operator\", \"password\": "
                        + "\"op-secret-1\", \"instrument\": \"sim-stem\", \"values\": {\"high_tension\": 80000}}"))
                        .contains("\"ok\":false", "refused by the safety envelope, rule 'forbidden high_tension'");
                assertThat(command(client, "{\"command\": \"read\", \"user\": \"it-operator\", \"password\": \"nope\", "
                        + "\"instrument\": \"sim-stem\"}")).contains("not authenticated: unknown user or wrong password");
                assertThat(command(client, "{\"command\": \"read\", \"user\": \"it-viewer\", \"password\": "
                        + "\"view-secret-1\", \"instrument\": \"tem-9\"}")).contains("no instrument 'tem-9'");
                assertThat(command(client, "{\"command\": \"fly\", \"user\": \"it-viewer\"}"))
                        .contains("unknown command 'fly'");
                assertThat(command(client, "{\"command\": \"read\"", false)).contains("\"ok\":false",
                        "the command is not JSON: line 1");
                assertThat(command(client, "{\"command\": \"read\", \"pad\": \"" + "x".repeat(5000) + "\"}", false))
                        .contains("a command of 5030 bytes is over the 4096-byte limit");
                Await.until("the envelope refusal is an alert", () -> seen(BASE + "alerts",
                        "rule 'forbidden high_tension'"), this::dump);

                // the broker is restarted; what happens meanwhile is buffered and arrives after it returns
                client.disconnect();
                client.close();
                broker.stop();
                assertThat(sim.write(Map.of(PropertyNames.HIGH_TENSION, 60_000.0)).get(0).status())
                        .isEqualTo(RecordStatus.REFUSED);
                received.clear();
                broker.start();
                client = listen(broker);
                Await.until("the node is announced again", () -> seen(BASE + "status", "\"state\":\"online\""),
                        this::dump);
                Await.until("the alert raised while the broker was down arrives", () -> seen(BASE + "alerts",
                        "high_tension = 60000"), this::dump);
                Await.until("the figures count a second connection", () -> seen(BASE + "telemetry",
                        "\"connections\":2"), this::dump);

                // the broker loses everything it knew: the publisher subscribes again by itself
                client.disconnect();
                client.close();
                broker.stop();
                broker.forget();
                broker.start();
                client = listen(broker);
                Await.until("the figures count a third connection", () -> seen(BASE + "telemetry",
                        "\"connections\":3"), this::dump);
                assertThat(command(client, "{\"command\": \"instruments\", \"user\": \"it-viewer\", \"password\": "
                        + "\"view-secret-1\"}")).as("commands are taken again: the subscription came back")
                        .contains("\"ok\":true", "sim-stem");
            } finally {
                config.delete();
            }
            Await.until("a clean stop says offline", () -> seen(BASE + "status", "\"state\":\"offline\""), this::dump);
            assertThat(schemaCheck(folder)).as("every message against the published schema").startsWith("checked ");
            client.disconnect();
            client.close();
        } finally {
            Shell.run(shell, "cnd:user remove it-operator");
            Shell.run(shell, "cnd:user remove it-viewer");
        }
    }
}
