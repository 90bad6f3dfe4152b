package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.telemetry.Alert;
import org.condenser.api.telemetry.Severity;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Benchmark, not a test (README, "Benchmarks"; skipped unless -Dcondenser.benchmark=true), against a
 * real Mosquitto on loopback: the demo stream's throughput with full telemetry on against off, in
 * alternating rounds (goal ≥ 0.97). On: MQTT telemetry to Mosquitto (status every 0.2 s, properties
 * sampled every 0.1 s), the pvAccess server sampling every 0.1 s with an EPICS client monitoring an
 * instrument property, and the dashboard updating every 0.2 s to an open event stream. Off: no
 * MQTT configuration, and the broker, pvAccess and dashboard bundles stopped. Then the sustained
 * telemetry rate, 20000 alerts through the runtime to a subscriber, against a bare Paho client
 * publishing as many messages of the same size at QoS 1 to the same broker.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class TelemetryBenchmarkIT {

    private static final int ROUNDS = 3;
    private static final int MESSAGES = 20_000;

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    @InjectService(timeout = 20_000)
    ConfigurationAdmin configurations;

    @InjectService(timeout = 20_000)
    EventAdmin events;

    private double streamSeconds() {
        long start = System.nanoTime();
        Shell.Result run = Shell.run(shell, "cnd:stream start arina sum --wait");
        assertThat(run.failure()).isNull();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Monitors an instrument property over pvAccess for the length of a run; each update is a message sent. */
    private static AutoCloseable monitorProperty(PvaClient pva) throws Exception {
        java.util.concurrent.BlockingQueue<String> updates = PvaClient.queue();
        AutoCloseable monitor = pva.monitor("CND:sim-stem:defocus", updates);
        return () -> {
            monitor.close();
            assertThat(updates).as("pvAccess updates during the run").isNotEmpty();
        };
    }

    @Test
    void telemetryCostsTheDataPlaneLittleAndKeepsUpWithTheBroker() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(context.getProperty("condenser.benchmark")),
                "a benchmark: run with -Dcondenser.benchmark=true");
        Path folder = Files.createTempDirectory("mosquitto-bench");
        try (Mosquitto broker = new Mosquitto(folder)) {
            broker.start();
            Hashtable<String, Object> settings = new Hashtable<>();
            settings.put("url", broker.url());
            settings.put("node", "bench");
            settings.put("statusSeconds", 0.2);
            settings.put("sampleSeconds", 0.1);
            settings.put("bufferSize", 100_000);
            Configuration pvaConfig = configurations.getConfiguration("org.condenser.telemetry.pva", "?");
            Hashtable<String, Object> pvaSettings = new Hashtable<>();
            pvaSettings.put("sampleSeconds", 0.1);
            pvaConfig.update(pvaSettings);
            Configuration dashboardConfig = configurations.getConfiguration("org.condenser.dashboard", "?");
            Hashtable<String, Object> dashboardSettings = new Hashtable<>();
            dashboardSettings.put("updateSeconds", 0.2);
            dashboardConfig.update(dashboardSettings);
            List<Bundle> management = new java.util.ArrayList<>();
            for (Bundle bundle : context.getBundles()) {
                if (List.of("org.condenser.broker", "org.condenser.telemetry.pva", "org.condenser.dashboard")
                        .contains(bundle.getSymbolicName())) {
                    management.add(bundle);
                }
            }
            assertThat(management).hasSize(3);
            streamSeconds(); // warm-up
            double off = Double.MAX_VALUE;
            double on = Double.MAX_VALUE;
            try (PvaClient pva = new PvaClient()) {
                for (int round = 0; round < ROUNDS; round++) {
                    for (Bundle bundle : management) {
                        bundle.stop();
                    }
                    off = Math.min(off, streamSeconds());
                    for (Bundle bundle : management) {
                        bundle.start();
                    }
                    Configuration config = configurations.getFactoryConfiguration("org.condenser.telemetry.mqtt",
                            "bench", "?");
                    config.update(settings);
                    try (AutoCloseable page = DashboardClient.follow(context);
                            AutoCloseable monitor = monitorProperty(pva)) {
                        on = Math.min(on, streamSeconds());
                    } finally {
                        config.delete();
                    }
                }
            } finally {
                for (Bundle bundle : management) {
                    bundle.start();
                }
                pvaConfig.delete();
                dashboardConfig.delete();
            }

            AtomicLong arrived = new AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean online = new java.util.concurrent.atomic.AtomicBoolean();
            MqttClient listener = new MqttClient(broker.url(), "bench-listener", new MemoryPersistence());
            listener.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    if (topic.endsWith("/status")) {
                        online.set(new String(message.getPayload()).contains("\"online\""));
                    } else {
                        arrived.incrementAndGet();
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            listener.connect();
            listener.subscribe("condenser/bench/alerts", 1);
            listener.subscribe("bare/alerts", 1);
            listener.subscribe("condenser/bench/status", 1);
            Configuration config = configurations.getFactoryConfiguration("org.condenser.telemetry.mqtt", "bench", "?");
            settings.put("statusSeconds", 60.0);
            settings.put("sampleSeconds", 0.0);
            config.update(settings);
            double runtimeRate;
            double bareRate;
            try {
                online.set(false);
                Await.until("telemetry connects", online::get, () -> "no birth message yet");
                arrived.set(0);
                long start = System.nanoTime();
                for (int i = 0; i < MESSAGES; i++) {
                    events.postEvent(new Event(Alert.TOPIC_PREFIX + "bench", Map.of(Alert.EVENT_PROPERTY, new Alert(
                            "benchmark", Severity.INFO, String.format(Locale.ROOT, "alert %06d of a benchmark", i),
                            Instant.now()))));
                }
                Await.until("every alert arrives", Duration.ofMinutes(5), () -> arrived.get() >= MESSAGES,
                        () -> arrived.get() + " of " + MESSAGES);
                runtimeRate = MESSAGES / ((System.nanoTime() - start) / 1e9);
            } finally {
                config.delete();
            }
            byte[] payload = new byte[150];
            java.util.Arrays.fill(payload, (byte) 'x');
            // the same client and window the runtime uses: asynchronous, up to 1000 messages unacknowledged
            MqttAsyncClient bare = new MqttAsyncClient(broker.url(), "bench-bare", new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMaxInflight(1000);
            bare.connect(options).waitForCompletion();
            arrived.set(0);
            long start = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                while (true) {
                    try {
                        bare.publish("bare/alerts", payload, 1, false);
                        break;
                    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                        if (e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        Thread.onSpinWait();
                    }
                }
            }
            Await.until("every bare message arrives", Duration.ofMinutes(5), () -> arrived.get() >= MESSAGES,
                    () -> arrived.get() + " of " + MESSAGES);
            bareRate = MESSAGES / ((System.nanoTime() - start) / 1e9);
            bare.disconnect().waitForCompletion();
            listener.disconnect();

            String report = String.format(Locale.ROOT, "demo stream, 4096 frames, best of %d alternating rounds: "
                    + "management off %.2f s, full telemetry on (MQTT, pvAccess monitor, dashboard stream) %.2f s; "
                    + "throughput ratio on/off %.3f (goal >= 0.97)%n"
                    + "sustained telemetry to Mosquitto: %d alerts through the runtime at %.0f msg/s; a bare Paho "
                    + "client publishing the same number of 150-byte messages at QoS 1 (window 1000) %.0f msg/s; ratio %.2f%n",
                    ROUNDS, off, on, off / on, MESSAGES, runtimeRate, bareRate, runtimeRate / bareRate);
            System.out.print(report);
            Path output = Files.createDirectories(Path.of(context.getProperty("condenser.benchmark.output")));
            Files.writeString(output.resolve("telemetry.txt"), report);
        }
    }
}
