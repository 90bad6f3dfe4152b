package org.condenser.driver.thermofisher.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.RecordStatus;

/**
 * The temscript remote protocol: GET and PUT under {@code /v1/}, JSON bodies, gzip accepted. Answers
 * are mapped as the server means them: 204 is "nothing", 404 an endpoint or detector this server
 * does not have, 500 the microscope raised; a refused or silent connection is an {@link IOException}.
 */
final class TemscriptClient {

    /** The server reads at most this much of a PUT body. */
    static final int MAX_BODY = 4096;

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    TemscriptClient(String url, Duration timeout) {
        String normalised = url.endsWith("/") ? url : url + "/";
        this.base = URI.create(normalised).resolve("v1/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    String address() {
        return base.toString();
    }

    Object get(String endpoint) throws IOException, InstrumentException {
        return send(HttpRequest.newBuilder(base.resolve(endpoint)).GET(), endpoint);
    }

    Object put(String endpoint, Object value) throws IOException, InstrumentException {
        byte[] body = Json.write(value).getBytes(StandardCharsets.UTF_8);
        if (body.length > MAX_BODY) {
            throw new InstrumentException(RecordStatus.OUT_OF_RANGE, "PUT " + endpoint + ": a body of " + body.length
                    + " bytes is over the server's limit of " + MAX_BODY);
        }
        return send(HttpRequest.newBuilder(base.resolve(endpoint)).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json"), endpoint);
    }

    private Object send(HttpRequest.Builder builder, String endpoint) throws IOException, InstrumentException {
        HttpRequest request = builder.timeout(timeout).header("Accept", "application/json")
                .header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(request.method() + " " + endpoint + " was interrupted", e);
        }
        int code = response.statusCode();
        if (code == 204) {
            return null;
        }
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (code == 404) {
            throw new InstrumentException(RecordStatus.UNSUPPORTED, "the temscript server has no "
                    + request.method() + " " + endpoint + " (404: " + firstLine(text) + ")");
        }
        if (code >= 500) {
            throw new InstrumentException(RecordStatus.FAILED, "the microscope raised an error on " + request.method()
                    + " " + endpoint + " (" + code + ": " + firstLine(text) + ")");
        }
        if (code != 200) {
            throw new InstrumentException(RecordStatus.FAILED, request.method() + " " + endpoint + " answered " + code);
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InstrumentException(RecordStatus.FAILED, request.method() + " " + endpoint + ": " + e.getMessage());
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
