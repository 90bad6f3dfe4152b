package org.condenser.telemetry.mqtt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.osgi.service.log.Logger;

/**
 * The one owner of a connection to one broker. Its thread connects (with a last will, so the broker
 * announces this node offline if it vanishes), publishes the birth message, subscribes, and then
 * sends what waits in the {@link OutboundBuffer}; when the connection drops it reconnects with
 * back-off (0.5 s doubling to 10 s), publishes the birth message again and subscribes again, and the
 * messages buffered meanwhile go out in order. Messages already handed to the client when the
 * connection dropped are sent again after it returns (a persistent session held in memory).
 */
final class BrokerLink implements AutoCloseable {

    /** Where and as whom to connect, and what to say on arrival and departure. */
    record Settings(String url, String clientId, String username, String password, String trustStore,
            String trustStorePassword, String willTopic, byte[] willPayload, List<String> subscriptions) {
    }

    /** Figures: connected now, connections made, messages handed to the client, delivered (acknowledged). */
    record Counts(boolean connected, long connections, long sent, long delivered, String lastProblem) {
    }

    private static final int MAX_IN_FLIGHT = 1000;

    private final Settings settings;
    private final OutboundBuffer buffer;
    private final Supplier<byte[]> birth;
    private final BiConsumer<String, byte[]> commands;
    private final Logger log;
    private final MqttAsyncClient client;
    private final Thread thread;
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean connected;
    private volatile boolean closing;
    private volatile String lastProblem = "";

    /**
     * @param birth the retained status published on every connection
     * @param commands given each message arriving on a subscription; called on the client's thread, so it must not block
     */
    BrokerLink(Settings settings, OutboundBuffer buffer, Supplier<byte[]> birth, BiConsumer<String, byte[]> commands,
            Logger log) throws MqttException {
        this.settings = settings;
        this.buffer = buffer;
        this.birth = birth;
        this.commands = commands;
        this.log = log;
        this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                connected = false;
                lastProblem = "connection lost: " + cause;
                if (!closing) {
                    log.warn("telemetry: lost {} ({}); reconnecting", settings.url(), cause.toString());
                }
                synchronized (BrokerLink.this) {
                    BrokerLink.this.notifyAll();
                }
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                commands.accept(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                delivered.incrementAndGet();
            }
        });
        this.thread = new Thread(this::run, "condenser-mqtt-" + settings.clientId());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long backoff = 500;
        while (!closing) {
            try {
                if (!connected) {
                    connect();
                    backoff = 500;
                }
                OutboundBuffer.Message message = buffer.take(200, TimeUnit.MILLISECONDS);
                if (message != null) {
                    send(message);
                }
            } catch (InterruptedException e) {
                return;
            } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
                if (closing) {
                    return;
                }
                String problem = settings.url() + ": " + e;
                if (!problem.equals(lastProblem)) {
                    // once per kind of failure (a refused password, an untrusted certificate, no
                    // broker), not once per retry
                    log.warn("telemetry: {}; retrying", problem);
                }
                lastProblem = problem;
                try {
                    synchronized (this) {
                        wait(backoff);
                    }
                } catch (InterruptedException stop) {
                    return;
                }
                backoff = Math.min(10_000, backoff * 2);
            }
        }
    }

    private void connect() throws MqttException, IOException, GeneralSecurityException {
        MqttConnectOptions options = new MqttConnectOptions();
        // a session kept by this client: what was in flight when a connection dropped is sent again
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        options.setKeepAliveInterval(10);
        options.setMaxInflight(MAX_IN_FLIGHT);
        options.setWill(settings.willTopic(), settings.willPayload(), 1, true);
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().toCharArray());
        }
        if (!settings.trustStore().isEmpty()) {
            options.setSocketFactory(trusting(Path.of(settings.trustStore()), settings.trustStorePassword()));
        }
        try {
            client.connect(options).waitForCompletion(10_000);
        } catch (MqttException e) {
            throw new MqttException(e.getReasonCode(), new IOException(describe(e), e));
        }
        for (String filter : settings.subscriptions()) {
            // QoS 0: a command must not be kept by the broker and run later, when its sender has given up
            client.subscribe(filter, 0).waitForCompletion(10_000);
        }
        client.publish(settings.willTopic(), birth.get(), 1, true);
        connected = true;
        long count = connections.incrementAndGet();
        log.info("telemetry: connected to {} as {}{}", settings.url(), settings.clientId(), count > 1 ? " (again)" : "");
    }

    private static String describe(MqttException e) {
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED ->
                "the broker refused the user name or password";
            case MqttException.REASON_CODE_SERVER_CONNECT_ERROR -> "no broker answers there";
            default -> e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : "");
        };
    }

    private void send(OutboundBuffer.Message message) throws InterruptedException {
        while (true) {
            try {
                client.publish(message.topic(), message.payload(), message.qos(), message.retained());
                sent.incrementAndGet();
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_MAX_INFLIGHT && connected) {
                    // the broker has not acknowledged a full window yet: wait for it, keep the order
                    TimeUnit.MILLISECONDS.sleep(1);
                    continue;
                }
                buffer.putBack(message);
                if (client.isConnected()) {
                    lastProblem = "publishing to " + message.topic() + ": " + e;
                } else {
                    // the connection went before connectionLost said so: reconnect now, not message by message
                    connected = false;
                }
                return;
            }
        }
    }

    /** Publishes straight away, bypassing the buffer (the farewell on a clean stop); false when not connected. */
    boolean publishNow(String topic, byte[] payload, boolean retained) {
        if (!connected) {
            return false;
        }
        try {
            client.publish(topic, payload, 1, retained).waitForCompletion(2_000);
            return true;
        } catch (MqttException e) {
            return false;
        }
    }

    Counts counts() {
        return new Counts(connected, connections.get(), sent.get(), delivered.get(), lastProblem);
    }

    private static javax.net.SocketFactory trusting(Path store, String password)
            throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance(store.toString().endsWith(".jks") ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls.getSocketFactory();
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        thread.interrupt();
        thread.join(5_000);
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker went first; nothing is left to say to it
        }
    }
}
