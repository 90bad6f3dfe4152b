package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.CommandProcessor;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The embedded broker: it runs while no external broker is configured, telemetry reaches it by
 * itself, Condenser's users connect over TCP and websockets, strangers do not, nobody but the
 * runtime reads commands (they carry passwords), and an external broker configured at run time
 * takes its place.
 */
@ExtendWith(ServiceExtension.class)
class EmbeddedBrokerIT {

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    @InjectService(timeout = 20_000)
    ConfigurationAdmin configurations;

    private final List<String[]> received = new CopyOnWriteArrayList<>();

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    private String broker() {
        return Shell.run(shell, "cnd:broker").output();
    }

    private MqttClient connect(String url, String id, String user, String password) throws MqttException {
        MqttClient client = new MqttClient(url, id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                received.add(new String[] { topic, new String(message.getPayload(), StandardCharsets.UTF_8) });
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        client.connect(options);
        return client;
    }

    private boolean seen(String topicPattern, String fragment) {
        return received.stream().anyMatch(m -> m[0].matches(topicPattern) && m[1].contains(fragment));
    }

    private String dump() {
        StringBuilder out = new StringBuilder(broker());
        received.stream().skip(Math.max(0, received.size() - 20)).forEach(m -> out.append(m[0]).append(' ')
                .append(m[1], 0, Math.min(200, m[1].length())).append('\n'));
        return out.toString();
    }

    /** Sends a command as operator over {@code client} and waits for the reply carrying {@code id}. */
    private String command(MqttClient client, String node, String id, String fields) throws Exception {
        client.publish("condenser/" + node + "/commands/" + client.getClientId(), ("{\"id\": \"" + id + "\", \"user\": "
                + "\"broker-operator\", \"password\": \"bo-secret-1\", " + fields + "}").getBytes(StandardCharsets.UTF_8),
                1, false);
        Await.until("the reply to " + id, () -> seen("condenser/" + node + "/replies/" + client.getClientId(),
                "\"id\":\"" + id + "\""), this::dump);
        return received.stream().filter(m -> m[1].contains("\"id\":\"" + id + "\"")).findFirst().orElseThrow()[1];
    }

    @Test
    void runsUntilAnExternalBrokerIsConfiguredAndAdmitsOnlyCondenserUsers() throws Exception {
        int port = freePort();
        int websocketPort = freePort();
        Configuration brokerConfig = configurations.getConfiguration("org.condenser.broker", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("port", port);
        settings.put("websocketPort", websocketPort);
        brokerConfig.update(settings);
        assertThat(Shell.run(shell, "cnd:user add broker-viewer viewer bv-secret-1").failure()).isNull();
        assertThat(Shell.run(shell, "cnd:user add broker-operator operator bo-secret-1").failure()).isNull();
        MqttClient viewer = null;
        MqttClient operator = null;
        try {
            String tcp = "tcp://127.0.0.1:" + port;
            String ws = "ws://127.0.0.1:" + websocketPort + "/mqtt";
            Await.until("the broker runs on the configured ports",
                    () -> broker().contains("running on " + tcp + " and " + ws), this::broker);
            Await.until("the runtime's telemetry is connected to it", () -> broker().contains("clients: 1"),
                    this::broker);
            Configuration[] embedded = configurations.listConfigurations("(condenser.embedded=true)");
            assertThat(embedded).hasSize(1);
            assertThat(embedded[0].getProperties().get("url")).isEqualTo(tcp);
            assertThat(embedded[0].getProperties().get("username")).isEqualTo("condenser-internal");

            // strangers, wrong passwords and the internal user's name with a guessed password are turned away
            assertThatThrownBy(() -> connect(tcp, "anonymous", null, null)).isInstanceOf(MqttException.class)
                    .satisfies(e -> assertThat(((MqttException) e).getReasonCode()).isIn(4, 5));
            assertThatThrownBy(() -> connect(tcp, "guess", "broker-viewer", "wrong")).isInstanceOf(MqttException.class);
            assertThatThrownBy(() -> connect(tcp, "guess2", "condenser-internal", "bv-secret-1"))
                    .isInstanceOf(MqttException.class);

            // a viewer reads the telemetry over TCP, but neither commands nor anything that could match them
            viewer = connect(tcp, "it-viewer", "broker-viewer", "bv-secret-1");
            viewer.subscribe("condenser/+/status", 1);
            viewer.subscribe("condenser/+/instruments/#", 1);
            viewer.subscribe("condenser/+/replies/+", 1);
            Await.until("the node's retained status arrives", () -> seen("condenser/[^/]+/status", "\"online\""),
                    this::dump);
            Await.until("instrument values arrive", () -> seen("condenser/[^/]+/instruments/sim-stem/properties/.*",
                    "\"value\""), this::dump);
            MqttClient listener = viewer;
            assertThatThrownBy(() -> listener.subscribe("condenser/#", 1)).as("a filter that matches commands")
                    .isInstanceOf(MqttException.class);
            String node = received.stream().filter(m -> m[0].endsWith("/status")).findFirst().orElseThrow()[0]
                    .split("/")[1];

            // an operator commands over websockets and the answer comes back on the replies topic
            operator = connect(ws, "it-operator", "broker-operator", "bo-secret-1");
            operator.publish("condenser/" + node + "/commands/it-operator", ("{\"id\": \"w1\", \"command\": \"write\", "
                    + "\"user\": \"broker-operator\", \"password\": \"bo-secret-1\", \"instrument\": \"sim-stem\", "
                    + "\"values\": {\"defocus\": 3e-8}}").getBytes(StandardCharsets.UTF_8), 1, false);
            Await.until("the write is answered", () -> seen("condenser/" + node + "/replies/it-operator",
                    "\"id\":\"w1\""), this::dump);
            assertThat(received.stream().filter(m -> m[1].contains("\"id\":\"w1\"")).findFirst().orElseThrow()[1])
                    .contains("\"ok\":true", "\"status\":\"OK\"");
            // streams and flows, over the same channel
            assertThat(command(operator, node, "s1", "\"command\": \"stream.start\", \"source\": \"arina\", "
                    + "\"analysis\": \"adf\"")).contains("\"ok\":true", "streaming arina into adf");
            Await.until("the series is reduced", () -> Shell.run(shell, "cnd:pipelines").output()
                    .contains("series reduced=1"), () -> Shell.run(shell, "cnd:pipelines").output());
            assertThat(command(operator, node, "s2", "\"command\": \"stream.stop\", \"source\": \"arina\""))
                    .contains("\"ok\":true", "stopped arina");
            assertThat(command(operator, node, "s3", "\"command\": \"stream.start\", \"source\": \"no-such\""))
                    .contains("\"ok\":false", "no-such");
            assertThat(command(operator, node, "f1", "\"command\": \"flow.run\", \"flow\": \"no-such-flow\""))
                    .contains("\"ok\":false", "no-such-flow");
            Await.until("the new value is published", () -> seen(".*/sim-stem/properties/defocus", "\"value\":3.0"),
                    this::dump);
            // only the runtime writes telemetry: a user's forged status goes nowhere (QoS 0: Moquette
            // neither forwards nor acknowledges a refused publication)
            MqttClient forger = connect(tcp, "it-forger", "broker-operator", "bo-secret-1");
            forger.publish("condenser/" + node + "/status", "{\"state\":\"offline\"}".getBytes(StandardCharsets.UTF_8),
                    0, true);
            Await.until("the refusal is counted", () -> broker().matches("(?s).*refused: \\d+ logins, [1-9]\\d* .*"),
                    this::broker);
            assertThat(seen("condenser/[^/]+/status", "\"state\":\"offline\"")).as("the forged status").isFalse();
            forger.disconnectForcibly(1000, 1000);
            forger.close();

            // an external broker configured at run time: the embedded one steps aside, and returns after
            Configuration external = configurations.getFactoryConfiguration("org.condenser.telemetry.mqtt", "site", "?");
            Hashtable<String, Object> site = new Hashtable<>();
            site.put("url", "tcp://127.0.0.1:" + freePort());
            external.update(site);
            Await.until("the broker stops for the external one",
                    () -> broker().contains("not running: an external broker is configured"), this::broker);
            assertThat(configurations.listConfigurations("(condenser.embedded=true)")).as("its telemetry config").isNull();
            external.delete();
            Await.until("the broker runs again", () -> broker().contains("running on " + tcp), this::broker);
            Await.until("and telemetry reconnects to it", () -> broker().contains("clients: 1"), this::broker);
        } finally {
            for (MqttClient client : new MqttClient[] { viewer, operator }) {
                if (client != null) {
                    try {
                        client.disconnectForcibly(1000, 1000);
                    } catch (MqttException gone) {
                        // the broker may already have closed it
                    }
                    client.close();
                }
            }
            Shell.run(shell, "cnd:user remove broker-viewer");
            Shell.run(shell, "cnd:user remove broker-operator");
            brokerConfig.delete();
        }
    }
}
