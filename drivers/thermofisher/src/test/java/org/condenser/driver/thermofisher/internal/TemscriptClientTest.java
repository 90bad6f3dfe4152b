package org.condenser.driver.thermofisher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.RecordStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The protocol's answers, as a temscript server gives them, mapped to what they mean. */
class TemscriptClientTest {

    private HttpServer server;
    private TemscriptClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/voltage", exchange -> answer(exchange, 200, "200.0", false));
        server.createContext("/v1/defocus", exchange -> answer(exchange, 204, "", false));
        server.createContext("/v1/state", exchange -> answer(exchange, 200,
                "{\"voltage(kV)\": 300.0, \"stage_position\": {\"x\": 1e-6, \"a\": -0.1}, \"note\": \"" + "x".repeat(300)
                        + "\"}", true));
        server.createContext("/v1/broken", exchange -> answer(exchange, 500, "Error handling request: /v1/broken", false));
        server.createContext("/v1/garbled", exchange -> answer(exchange, 200, "{\"a\": [1, 2", false));
        server.createContext("/", exchange -> answer(exchange, 404, "Unknown endpoint: " + exchange.getRequestURI(), false));
        server.start();
        client = new TemscriptClient("http://127.0.0.1:" + server.getAddress().getPort(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int code, String body, boolean gzip) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (gzip && exchange.getRequestHeaders().getFirst("Accept-Encoding").contains("gzip")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(bytes);
            }
            bytes = out.toByteArray();
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(code, code == 204 ? -1 : bytes.length);
        if (code != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Test
    void valuesNothingAndGzippedBodies() throws Exception {
        assertEquals(200.0, client.get("voltage"));
        assertNull(client.put("defocus", 1e-7), "204 means the call returned nothing");
        Map<?, ?> state = (Map<?, ?>) client.get("state");
        assertEquals(300.0, state.get("voltage(kV)"));
        assertEquals(Map.of("x", 1e-6, "a", -0.1), state.get("stage_position"));
    }

    @Test
    void errorsSayWhatTheServerMeant() {
        InstrumentException missing = assertThrows(InstrumentException.class, () -> client.get("nothing_here"));
        assertEquals(RecordStatus.UNSUPPORTED, missing.status());
        assertEquals("the temscript server has no GET nothing_here (404: Unknown endpoint: /v1/nothing_here)",
                missing.getMessage());
        InstrumentException raised = assertThrows(InstrumentException.class, () -> client.get("broken"));
        assertEquals(RecordStatus.FAILED, raised.status());
        assertTrue(raised.getMessage().startsWith("the microscope raised an error on GET broken (500"), raised.getMessage());
        InstrumentException garbled = assertThrows(InstrumentException.class, () -> client.get("garbled"));
        assertTrue(garbled.getMessage().contains("malformed JSON at offset 11: expected"), garbled.getMessage());
        InstrumentException tooBig = assertThrows(InstrumentException.class,
                () -> client.put("stage_position", Map.of("note", "y".repeat(5000))));
        assertEquals(RecordStatus.OUT_OF_RANGE, tooBig.status());
    }

    @Test
    void anAbsentServerIsAnIoFailure() {
        server.stop(0);
        assertThrows(IOException.class, () -> client.get("voltage"));
    }

    @Test
    void jsonRoundTrips() {
        Object value = Json.parse("{\"a\": [1, 2.5e-3, true, null, \"x\\\"y\\u00e9\"], \"b\": {}}");
        assertEquals(Map.of("a", java.util.Arrays.asList(1.0, 2.5e-3, true, null, "x\"yé"), "b", Map.of()), value);
        assertEquals("{\"x\":1.0E-6,\"list\":[1,\"a\"]}", Json.write(new java.util.LinkedHashMap<>(
                Map.of("x", 1e-6))).replace("}", "") + ",\"list\":" + Json.write(List.of(1, "a")) + "}");
    }
}
