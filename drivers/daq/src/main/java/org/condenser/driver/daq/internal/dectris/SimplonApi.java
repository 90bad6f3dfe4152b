package org.condenser.driver.daq.internal.dectris;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SIMPLON REST calls Condenser makes to a DECTRIS detector control unit (API 1.8.0): enable the
 * CBOR stream, configure, arm, trigger, disarm, and read the state. A refusal is an IOException
 * naming the call and what the unit answered.
 */
public final class SimplonApi {

    public static final String VERSION = "1.8.0";
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence id\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Duration timeout;

    /** {@code base} as {@code http://host:port}. */
    public SimplonApi(String base, Duration timeout) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.timeout = timeout;
    }

    /** Switches the stream interface on, in CBOR (stream v2). */
    public void enableStream() throws IOException {
        put("/stream/api/" + VERSION + "/config/mode", SimplonValue.body("enabled"));
        put("/stream/api/" + VERSION + "/config/format", SimplonValue.body("cbor"));
    }

    /** Sets detector parameters one by one ({@code nimages}, {@code trigger_mode}, {@code compression}…). */
    public void configure(Map<String, Object> parameters) throws IOException {
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            put("/detector/api/" + VERSION + "/config/" + parameter.getKey(), SimplonValue.body(parameter.getValue()));
        }
    }

    /** Arms the detector: the stream's {@code start} goes out; answers the sequence (series) id. */
    public long arm() throws IOException {
        String answer = put("/detector/api/" + VERSION + "/command/arm", "");
        Matcher matcher = SEQUENCE.matcher(answer);
        if (!matcher.find()) {
            throw new IOException("arm answered without a sequence id: " + answer);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** A software trigger; returns when the trigger's images are taken. */
    public void trigger(Duration longest) throws IOException {
        send(HttpRequest.newBuilder(URI.create(base + "/detector/api/" + VERSION + "/command/trigger"))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(longest).build(), "trigger");
    }

    /** Ends the series: the stream's {@code end} goes out. */
    public void disarm() throws IOException {
        put("/detector/api/" + VERSION + "/command/disarm", "");
    }

    /** {@code idle}, {@code ready} (armed), {@code acquire}, {@code error}… */
    public String state() throws IOException {
        String answer = send(HttpRequest.newBuilder(URI.create(base + "/detector/api/" + VERSION + "/status/state"))
                .GET().timeout(timeout).build(), "status/state");
        return String.valueOf(SimplonValue.parse(answer));
    }

    private String put(String path, String body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(timeout).build(), (path.startsWith("/stream") ? "stream " : "")
                + path.substring(path.indexOf(VERSION) + VERSION.length() + 1));
    }

    private String send(HttpRequest request, String what) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the detector refused " + what + " (HTTP " + response.statusCode() + "): "
                    + response.body().strip());
        }
        return response.body();
    }
}
