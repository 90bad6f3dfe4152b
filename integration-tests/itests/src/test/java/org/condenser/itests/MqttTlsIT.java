package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Telemetry to a broker that takes only TLS and passwords (a real Mosquitto with its own CA): the
 * runtime trusts the CA through its configured trust store and logs in, and a connection with a
 * wrong password is refused by the broker.
 */
@ExtendWith(ServiceExtension.class)
class MqttTlsIT {

    @InjectService(timeout = 20_000)
    ConfigurationAdmin configurations;

    private final List<String[]> received = new CopyOnWriteArrayList<>();

    @Test
    void telemetryReachesABrokerThatTakesOnlyTlsAndPasswords() throws Exception {
        Path folder = Files.createTempDirectory("mosquitto-tls");
        try (Mosquitto broker = new Mosquitto(folder)) {
            Path ca = broker.secure("condenser", "tls-secret-1");
            broker.start();
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (InputStream in = Files.newInputStream(ca)) {
                trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            Path trustStore = folder.resolve("trust.p12");
            try (var out = Files.newOutputStream(trustStore)) {
                trust.store(out, "trust-pw".toCharArray());
            }

            TrustManagerFactory trusting = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trusting.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trusting.getTrustManagers(), null);
            MqttClient listener = new MqttClient(broker.url(), "tls-listener", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setSocketFactory(tls.getSocketFactory());
            options.setUserName("condenser");
            options.setPassword("tls-secret-1".toCharArray());
            listener.connect(options);
            listener.subscribe("condenser/tls-node/#", (topic, message) -> received.add(new String[] { topic,
                    new String(message.getPayload(), StandardCharsets.UTF_8) }));

            Configuration wrong = configurations.getFactoryConfiguration("org.condenser.telemetry.mqtt", "tls-wrong", "?");
            Hashtable<String, Object> refused = new Hashtable<>();
            refused.put("url", broker.url());
            refused.put("node", "tls-refused");
            refused.put("username", "condenser");
            refused.put("password", "not-the-password");
            refused.put("trustStore", trustStore.toString());
            refused.put("trustStorePassword", "trust-pw");
            wrong.update(refused);

            Configuration config = configurations.getFactoryConfiguration("org.condenser.telemetry.mqtt", "tls", "?");
            Hashtable<String, Object> settings = new Hashtable<>();
            settings.put("url", broker.url());
            settings.put("node", "tls-node");
            settings.put("username", "condenser");
            settings.put("password", "tls-secret-1");
            settings.put("trustStore", trustStore.toString());
            settings.put("trustStorePassword", "trust-pw");
            settings.put("statusSeconds", 0.3);
            config.update(settings);
            try {
                Await.until("the node is online over TLS", () -> received.stream().anyMatch(m -> m[0].equals(
                        "condenser/tls-node/status") && m[1].contains("\"state\":\"online\"")), received::toString);
                Await.until("an instrument value arrives over TLS", () -> received.stream().anyMatch(m -> m[0].startsWith(
                        "condenser/tls-node/instruments/sim-stem/properties/")), received::toString);
                Await.until("the broker refuses the wrong password", () -> {
                    try {
                        return Files.exists(folder.resolve("broker.log"))
                                && Files.readString(folder.resolve("broker.log")).contains("not authorised");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                assertThat(received).as("nothing from the refused node")
                        .noneMatch(m -> m[0].startsWith("condenser/tls-refused/"));
            } finally {
                config.delete();
                wrong.delete();
                listener.disconnect();
                listener.close();
            }
        }
    }
}
