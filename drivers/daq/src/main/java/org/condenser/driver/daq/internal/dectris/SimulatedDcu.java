package org.condenser.driver.daq.internal.dectris;

import org.condenser.driver.daq.internal.Exposures;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.condenser.api.data.Codec;
import org.condenser.api.data.FrameCodecs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A simulated DECTRIS detector control unit: the SIMPLON REST interface (API 1.8.0: config, arm,
 * trigger, disarm, state) in front of a {@link DectrisSender}, exposing frames from
 * {@link Exposures}. It refuses what a real unit refuses — an unknown parameter, a value of the
 * wrong type or out of range, a trigger while not armed — with HTTP 400 and the reason. Loopback
 * only.
 */
public final class SimulatedDcu implements AutoCloseable {

    private static final Set<String> TRIGGER_MODES = Set.of("ints", "inte", "exts", "exte");
    private static final Set<String> COMPRESSIONS = Set.of("bslz4", "lz4", "none");
    private static final String API = "/detector/api/" + SimplonApi.VERSION + "/";
    private static final String STREAM_API = "/stream/api/" + SimplonApi.VERSION + "/config/";

    private final HttpServer http;
    private final ExecutorService requests = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "condenser-simulated-dcu");
        thread.setDaemon(true);
        return thread;
    });
    private final DectrisSender stream;
    private final Exposures exposures;
    private final Consumer<String> log;
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Map<String, Object> streamConfig = new LinkedHashMap<>(Map.of("mode", "disabled", "format", "cbor"));
    private final AtomicLong sequence = new AtomicLong();
    private final Object lock = new Object();
    private volatile String state = "idle";
    private volatile boolean disarmRequested;
    private long armedSeries = -1;
    private String armedUid = "";
    private long triggered;

    /**
     * @param restPort the REST port on 127.0.0.1 (0 for any)
     * @param streamEndpoint where the stream's PUSH socket binds ({@code tcp://127.0.0.1:31001})
     */
    public SimulatedDcu(int restPort, String streamEndpoint, Exposures exposures, FrameCodecs codecs, Consumer<String> log)
            throws IOException {
        this.exposures = exposures;
        this.log = log;
        config.put("nimages", 1L);
        config.put("ntrigger", 1L);
        config.put("trigger_mode", "ints");
        config.put("count_time", 0.001);
        config.put("frame_time", 0.001);
        config.put("compression", "bslz4");
        this.stream = new DectrisSender(streamEndpoint, codecs);
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", restPort), 16);
        http.createContext("/", this::handle);
        http.setExecutor(requests);
        http.start();
    }

    public int restPort() {
        return http.getAddress().getPort();
    }

    public int streamPort() {
        return stream.socket().port();
    }

    public String state() {
        return state;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            try {
                String answer = route(method, path, text);
                reply(exchange, 200, answer);
            } catch (NotFound e) {
                reply(exchange, 404, e.getMessage());
            } catch (IllegalArgumentException | IllegalStateException e) {
                reply(exchange, 400, e.getMessage());
            }
        }
    }

    private String route(String method, String path, String body) {
        if (path.startsWith(API + "config/")) {
            String name = path.substring((API + "config/").length());
            return method.equals("PUT") ? configure(name, SimplonValue.parse(body)) : get(config, name);
        }
        if (path.startsWith(STREAM_API)) {
            String name = path.substring(STREAM_API.length());
            return method.equals("PUT") ? configureStream(name, SimplonValue.parse(body)) : get(streamConfig, name);
        }
        if (path.equals(API + "status/state")) {
            return SimplonValue.body(state);
        }
        if (method.equals("PUT") && path.startsWith(API + "command/")) {
            return switch (path.substring((API + "command/").length())) {
                case "arm" -> arm();
                case "trigger" -> trigger();
                case "disarm" -> disarm();
                default -> throw new NotFound("no command " + path.substring((API + "command/").length()));
            };
        }
        throw new NotFound("no resource " + method + " " + path);
    }

    private String get(Map<String, Object> values, String name) {
        synchronized (lock) {
            if (!values.containsKey(name)) {
                throw new NotFound("no parameter " + name);
            }
            return SimplonValue.body(values.get(name));
        }
    }

    private String configure(String name, Object value) {
        synchronized (lock) {
            if (!config.containsKey(name)) {
                throw new NotFound("no parameter " + name);
            }
            if (!state.equals("idle")) {
                throw new IllegalStateException(name + " cannot change while the detector is " + state);
            }
            Object checked = switch (name) {
                case "nimages", "ntrigger" -> {
                    if (!(value instanceof Long n) || n < 1 || n > 1_000_000_000L) {
                        throw new IllegalArgumentException(name + " must be an integer from 1 to 1000000000, not " + value);
                    }
                    yield n;
                }
                case "count_time", "frame_time" -> {
                    if (!(value instanceof Number n) || !(n.doubleValue() > 0) || n.doubleValue() > 3600) {
                        throw new IllegalArgumentException(name + " must be a time in seconds above 0 and up to 3600, not "
                                + value);
                    }
                    yield n.doubleValue();
                }
                case "trigger_mode" -> oneOf(name, value, TRIGGER_MODES);
                case "compression" -> oneOf(name, value, COMPRESSIONS);
                default -> value;
            };
            config.put(name, checked);
            return "[\"" + name + "\"]";
        }
    }

    private String configureStream(String name, Object value) {
        synchronized (lock) {
            switch (name) {
                case "mode" -> streamConfig.put(name, oneOf(name, value, Set.of("enabled", "disabled")));
                case "format" -> streamConfig.put(name, oneOf(name, value, Set.of("cbor")));
                default -> throw new NotFound("no stream parameter " + name);
            }
            return "[\"" + name + "\"]";
        }
    }

    private static String oneOf(String name, Object value, Set<String> allowed) {
        if (!(value instanceof String s) || !allowed.contains(s)) {
            throw new IllegalArgumentException(name + " must be one of " + allowed + ", not " + value);
        }
        return s;
    }

    private String arm() {
        synchronized (lock) {
            if (!state.equals("idle")) {
                throw new IllegalStateException("arm while the detector is " + state);
            }
            if (!"enabled".equals(streamConfig.get("mode"))) {
                throw new IllegalStateException("arm with the stream interface disabled: nothing would be sent");
            }
            if (!stream.socket().awaitReceivers(1, java.time.Duration.ofSeconds(5))) {
                throw new IllegalStateException("arm with no receiver connected to the stream (port "
                        + stream.socket().port() + "): the series would be lost");
            }
            armedSeries = sequence.incrementAndGet();
            armedUid = Long.toHexString(System.nanoTime());
            triggered = 0;
            disarmRequested = false;
            Exposures.Sensor sensor = exposures.sensor();
            long total = (Long) config.get("nimages") * (Long) config.get("ntrigger");
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("count_time", config.get("count_time"));
            header.put("frame_time", config.get("frame_time"));
            header.put("compression", config.get("compression"));
            header.put("detector_description", "Condenser simulated DECTRIS unit");
            header.put("detector_serial_number", "SIM-0001");
            stream.start(armedSeries, armedUid, total, sensor.width(), sensor.height(), sensor.dtype(), header);
            state = "ready";
            log.accept("armed series " + armedSeries + " for " + total + " images");
            return "{\"sequence id\": " + armedSeries + "}";
        }
    }

    /** Takes one trigger's images; returns when they are sent (as a real unit's trigger call does). */
    private String trigger() {
        long images;
        long first;
        double countTime;
        Codec codec;
        long series;
        String uid;
        synchronized (lock) {
            if (!state.equals("ready")) {
                throw new IllegalStateException("trigger while the detector is " + state + " (arm it first)");
            }
            if (triggered >= (Long) config.get("ntrigger")) {
                throw new IllegalStateException("all " + config.get("ntrigger") + " triggers of series " + armedSeries
                        + " are used; disarm and arm again");
            }
            images = (Long) config.get("nimages");
            first = triggered * images;
            triggered++;
            countTime = (Double) config.get("count_time");
            codec = switch ((String) config.get("compression")) {
                case "bslz4" -> Codec.BSLZ4;
                case "lz4" -> Codec.LZ4;
                default -> Codec.NONE;
            };
            series = armedSeries;
            uid = armedUid;
            state = "acquire";
        }
        Exposures.Sensor sensor = exposures.sensor();
        long realTime = Math.round(countTime * 1e9);
        try {
            exposures.expose(images, countTime, (index, pixels) -> {
                if (disarmRequested) {
                    return false;
                }
                stream.image(series, uid, first + index, sensor.width(), sensor.height(), sensor.dtype(), pixels, codec,
                        realTime);
                return true;
            });
        } catch (Exception e) {
            synchronized (lock) {
                state = "error";
                lock.notifyAll();
            }
            throw new IllegalStateException("the exposure failed: " + e.getMessage(), e);
        }
        synchronized (lock) {
            if (state.equals("acquire")) {
                state = "ready";
            }
            lock.notifyAll();
        }
        return "";
    }

    private String disarm() {
        disarmRequested = true;
        synchronized (lock) {
            // the sender is one thread's: the end goes out after the trigger's last image
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (state.equals("acquire") && System.nanoTime() < deadline) {
                try {
                    lock.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("disarm was interrupted");
                }
            }
            if (armedSeries >= 0 && !state.equals("idle")) {
                try {
                    stream.end(armedSeries, armedUid);
                    log.accept("disarmed series " + armedSeries);
                } catch (IllegalStateException e) {
                    log.accept("disarmed series " + armedSeries + ", but its end message was lost: " + e.getMessage());
                }
            }
            state = "idle";
            return "";
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Resolves to 404, as the unit answers an unknown resource or parameter. */
    private static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        disarmRequested = true;
        http.stop(0);
        requests.shutdownNow();
        stream.close();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "simulated DCU (REST %d, stream %d, %s)", restPort(), streamPort(), state);
    }
}
