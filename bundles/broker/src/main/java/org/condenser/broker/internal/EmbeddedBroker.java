package org.condenser.broker.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.runtime.Users;
import org.condenser.api.telemetry.MqttTelemetryConfigurations;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import io.moquette.broker.ClientDescriptor;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;

/**
 * The embedded MQTT broker (Moquette, MQTT 3.1.1, TCP and websockets), so a runtime publishes
 * telemetry and takes commands with no broker installed. In mode {@code auto} it runs only while
 * no external broker is configured for telemetry (any {@code org.condenser.telemetry.mqtt}
 * configuration it did not make), and follows such configurations as they come and go. While it
 * runs it configures telemetry to itself ({@code org.condenser.telemetry.mqtt~embedded}) with an
 * internal user whose password is made once and kept in this bundle's data.
 * <p>
 * Authentication is always on (Condenser's users, {@link BrokerAccess}); Moquette's usage
 * reporting, metrics reporters, Bugsnag client and persistence are switched off, and their
 * libraries are not in the bundle: the broker contacts nothing.
 */
@Component(immediate = true, configurationPid = BrokerConfig.PID,
        service = { EmbeddedBroker.class, ConfigurationListener.class },
        property = { "osgi.command.scope=cnd", "osgi.command.function=broker" })
@Designate(ocd = BrokerConfig.class)
public final class EmbeddedBroker implements ConfigurationListener {

    /** The name of the telemetry configuration this broker makes for itself. */
    static final String TELEMETRY_NAME = "embedded";

    private static final Set<String> MODES = Set.of("auto", "on", "off");

    private final BrokerConfig config;
    /** The internal user's password, kept in this bundle's private data between starts (null: no file system). */
    private final File passwordFile;
    private final ConfigurationAdmin configurations;
    private final Users users;
    private final Logger log;
    private final BrokerLog brokerLog;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "condenser-broker");
        thread.setDaemon(true);
        return thread;
    });

    // Touched only on the worker thread; state is also read by the shell.
    private Server server;
    private BrokerAccess access;
    private int port;
    private volatile String state = "starting";

    @Activate
    public EmbeddedBroker(BundleContext context, BrokerConfig config, @Reference ConfigurationAdmin configurations,
            @Reference Users users, @Reference(service = LoggerFactory.class) Logger log) {
        check(config);
        this.passwordFile = context.getDataFile("internal-password");
        this.config = config;
        this.configurations = configurations;
        this.users = users;
        this.log = log;
        this.brokerLog = BrokerLog.install(log);
        submit(this::reconcile);
    }

    /** A broken configuration is refused whole, naming the value, before anything listens. */
    static void check(BrokerConfig config) {
        if (!MODES.contains(config.mode())) {
            throw new IllegalArgumentException("broker: mode '" + config.mode() + "' is not one of auto, on, off");
        }
        if (config.port() < 0 || config.port() > 65_535) {
            throw new IllegalArgumentException("broker: port " + config.port() + " is not a TCP port (0-65535)");
        }
        if (config.websocketPort() < 0 || config.websocketPort() > 65_535) {
            throw new IllegalArgumentException("broker: websocketPort " + config.websocketPort()
                    + " is not a TCP port (0-65535; 0 for none)");
        }
        if (config.host().isBlank()) {
            throw new IllegalArgumentException("broker: host is empty (127.0.0.1 for this machine only)");
        }
        if (!config.websocketPath().startsWith("/")) {
            throw new IllegalArgumentException("broker: websocketPath '" + config.websocketPath() + "' must start with /");
        }
        if (config.maxMessageBytes() < 1024 || config.sessionQueueSize() < 1) {
            throw new IllegalArgumentException("broker: maxMessageBytes must be at least 1024 and sessionQueueSize at "
                    + "least 1 (they are " + config.maxMessageBytes() + " and " + config.sessionQueueSize() + ")");
        }
    }

    private void submit(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException stopped) {
            // deactivated: nothing more to follow
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (MqttTelemetryConfigurations.FACTORY_PID.equals(event.getFactoryPid())) {
            submit(this::reconcile);
        }
    }

    /** Runs or stops the broker as the mode and the configured external brokers say. */
    private void reconcile() {
        List<String> external = externalBrokers();
        boolean run = config.mode().equals("on") || (config.mode().equals("auto") && external.isEmpty());
        if (run && server == null) {
            start();
        } else if (!run) {
            if (server != null) {
                stop();
                log.info("broker: stopped: an external broker is configured ({})", String.join(", ", external));
            }
            state = config.mode().equals("off") ? "off (mode = off)"
                    : "not running: an external broker is configured (" + String.join(", ", external) + ")";
        }
    }

    private List<String> externalBrokers() {
        List<String> names = new ArrayList<>();
        try {
            Configuration[] found = configurations.listConfigurations("(&(service.factoryPid="
                    + MqttTelemetryConfigurations.FACTORY_PID + ")(!(" + MqttTelemetryConfigurations.EMBEDDED + "=true)))");
            if (found != null) {
                for (Configuration configuration : found) {
                    Object url = configuration.getProperties() == null ? null : configuration.getProperties().get("url");
                    names.add(configuration.getPid() + (url == null ? "" : ": " + url));
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            log.warn("broker: telemetry configurations not read: {}", e.toString());
        }
        return names;
    }

    private void start() {
        String password;
        try {
            password = internalPassword();
        } catch (IllegalStateException e) {
            state = "failed: " + e.getMessage();
            log.error("broker: {}", state);
            return;
        }
        BrokerAccess newAccess = new BrokerAccess(() -> users, password);
        Server started = new Server();
        try {
            started.startServer(new MemoryConfig(settings()), List.of(), null, newAccess, newAccess);
        } catch (IOException | RuntimeException e) {
            try {
                started.stopServer(); // a failed bind leaves Netty's threads behind otherwise
            } catch (RuntimeException ignored) {
                // it never got far enough to have anything to stop
            }
            state = "failed: " + reason(e) + " (listening on " + config.host() + " port " + config.port()
                    + (config.websocketPort() > 0 ? " and " + config.websocketPort() : "")
                    + "; is another broker running? conf/" + BrokerConfig.PID + ".cfg sets the ports)";
            log.error("broker: {}", state);
            return;
        }
        server = started;
        access = newAccess;
        port = boundPort(started);
        state = "running on " + endpoints();
        log.info("broker: {}", state);
        configureTelemetry(password);
    }

    private Properties settings() {
        Properties settings = new Properties();
        settings.setProperty("host", config.host());
        settings.setProperty("port", Integer.toString(config.port()));
        settings.setProperty("websocket_port",
                config.websocketPort() > 0 ? Integer.toString(config.websocketPort()) : "disabled");
        settings.setProperty("websocket_path", config.websocketPath());
        settings.setProperty("allow_anonymous", "false");
        settings.setProperty("allow_zero_byte_client_id", "true"); // mosquitto_sub and others, clean sessions only
        settings.setProperty("netty.mqtt.message_size", Integer.toString(config.maxMessageBytes()));
        settings.setProperty("session_queue_size", Integer.toString(config.sessionQueueSize()));
        settings.setProperty("immediate_buffer_flush", "true");
        settings.setProperty("netty.epoll", "false");
        // Nothing leaves the machine and nothing is written: no usage reports to the Moquette
        // project, no metrics or error reporters, no persistent store.
        settings.setProperty("telemetry_enabled", "false");
        settings.setProperty("use_metrics", "false");
        settings.setProperty("use_bugsnag", "false");
        settings.setProperty("persistence_enabled", "false");
        return settings;
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? e.toString() : e.getMessage() + ": " + cause.getMessage();
    }

    /**
     * The port clients connect to: the configured one, or for port 0 the one the system chose, which
     * Moquette learns from a listener that may run just after startServer returns.
     */
    private int boundPort(Server started) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (config.port() == 0 && started.getPort() == 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return config.port() != 0 ? config.port() : started.getPort();
    }

    private String endpoints() {
        String host = connectHost();
        String tcp = "tcp://" + host + ":" + port;
        return config.websocketPort() > 0
                ? tcp + " and ws://" + host + ":" + config.websocketPort() + config.websocketPath() : tcp;
    }

    /** Where a client on this machine reaches the broker. */
    private String connectHost() {
        return config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
    }

    /**
     * The internal user's password: made once, at random, and kept (owner-only) in this bundle's
     * data, so the telemetry configuration kept from the last run still logs in when the broker
     * comes back before it is rewritten.
     */
    private String internalPassword() {
        try {
            if (passwordFile != null && passwordFile.isFile()) {
                String kept = Files.readString(passwordFile.toPath()).strip();
                if (kept.length() >= 32) {
                    return kept;
                }
            }
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String made = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            if (passwordFile != null) {
                Files.writeString(passwordFile.toPath(), made);
                passwordFile.setReadable(false, false);
                passwordFile.setReadable(true, true);
            }
            return made;
        } catch (IOException e) {
            throw new IllegalStateException("broker: the internal password in " + passwordFile + " cannot be kept: " + e, e);
        }
    }

    /** Points telemetry at this broker, as the internal user. */
    private void configureTelemetry(String password) {
        try {
            Configuration telemetry = configurations.getFactoryConfiguration(MqttTelemetryConfigurations.FACTORY_PID,
                    TELEMETRY_NAME, "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("url", "tcp://" + connectHost() + ":" + port);
            properties.put("username", BrokerAccess.INTERNAL_USER);
            properties.put("password", password);
            properties.put(MqttTelemetryConfigurations.EMBEDDED, Boolean.TRUE);
            telemetry.update(properties);
        } catch (IOException | RuntimeException e) {
            log.error("broker: telemetry not configured to the embedded broker: {}", e.toString());
        }
    }

    private void stop() {
        try {
            Configuration[] mine = configurations.listConfigurations("(" + MqttTelemetryConfigurations.EMBEDDED + "=true)");
            if (mine != null) {
                for (Configuration configuration : mine) {
                    configuration.delete(); // telemetry disconnects before the broker goes
                }
            }
        } catch (IOException | InvalidSyntaxException | RuntimeException e) {
            log.warn("broker: the embedded telemetry configuration was not removed: {}", e.toString());
        }
        server.stopServer();
        server = null;
        access = null;
    }

    @Descriptor("the embedded MQTT broker: where it listens and who is connected, or why it is not running")
    public void broker() {
        System.out.println("broker: " + state);
        Server running = server;
        BrokerAccess rules = access;
        if (running != null && rules != null) {
            Collection<ClientDescriptor> clients = running.listConnectedClients();
            System.out.println("  clients: " + clients.size());
            for (ClientDescriptor client : clients) {
                System.out.println("    " + client.getClientID() + " from " + client.getAddress() + ":" + client.getPort());
            }
            System.out.println("  refused: " + rules.refusedLogins() + " logins, " + rules.refusedTopics()
                    + " publications or subscriptions");
        }
    }

    @Deactivate
    void deactivate() {
        submit(() -> {
            if (server != null) {
                stop();
            }
            state = "stopped";
        });
        worker.shutdown();
        try {
            // The ports must be free, and Netty's threads gone, before this bundle's classes are.
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("broker: still stopping after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        brokerLog.close();
    }
}
