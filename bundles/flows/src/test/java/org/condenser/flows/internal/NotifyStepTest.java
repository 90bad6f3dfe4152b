package org.condenser.flows.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.condenser.api.flow.FlowNotifications;
import org.condenser.api.flow.TransientStepException;
import org.condenser.testing.RecordingStepContext;
import org.condenser.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

import com.sun.net.httpserver.HttpServer;

/** The notify step against a real webhook on loopback: what it sends, and how refusals are told apart. */
class NotifyStepTest {

    @TempDir
    Path work;

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final List<Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] reply = (status.get() == 200 ? "ok" : "channel_not_found").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private NotifyStep step() {
        Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] { Logger.class },
                (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);
        EventAdmin admin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        };
        return new NotifyStep(log, admin);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Test
    void theMessageIsFilledFromTheRunAndPostedToTheWebhookAndAsAnEvent() throws Exception {
        RecordingStepContext context = new RecordingStepContext("picoprobe-hyperspectral-12",
                Map.of("message", "${flow}: ${file} reduced, record ${record}", "url", url(), "headers",
                        Map.of("Authorization", "Bearer t0ken"), "level", "warning"),
                Map.of("file", "/nas/si_0001.emd", "record", "/published/picoprobe-hyperspectral-12.json"), work);
        step().execute(context);
        String message = "picoprobe-hyperspectral: /nas/si_0001.emd reduced, record /published/picoprobe-hyperspectral-12.json";
        assertEquals(message, context.outputs().get("notification"));
        assertEquals(1, received.size());
        Map<?, ?> body = (Map<?, ?>) Json.parse(received.get(0));
        assertEquals(message, body.get("text"));
        assertEquals("picoprobe-hyperspectral-12", body.get("run"));
        assertEquals("warning", body.get("level"));
        assertEquals("/nas/si_0001.emd", ((Map<?, ?>) body.get("values")).get("file"));
        assertEquals("Bearer t0ken", tokens.get(0));
        assertEquals(1, events.size());
        assertEquals(FlowNotifications.TOPIC, events.get(0).getTopic());
        assertEquals(message, events.get(0).getProperty(FlowNotifications.MESSAGE));
        assertEquals("picoprobe-hyperspectral", events.get(0).getProperty(FlowNotifications.FLOW));
    }

    @Test
    void aWebhookDownOrBusyIsTransientAndARefusalOrABadMessageIsBadConfiguration() throws Exception {
        status.set(503);
        TransientStepException busy = assertThrows(TransientStepException.class, () -> step().execute(
                new RecordingStepContext("f-1", Map.of("url", url()), Map.of("file", "a.emd"), work)));
        assertTrue(busy.getMessage().endsWith("answered 503: channel_not_found"), busy.getMessage());
        status.set(404);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> step().execute(
                new RecordingStepContext("f-2", Map.of("url", url()), Map.of("file", "a.emd"), work)));
        assertEquals("notify: " + url() + " answered 404: channel_not_found", refused.getMessage());
        server.stop(0);
        assertThrows(TransientStepException.class, () -> step().execute(
                new RecordingStepContext("f-3", Map.of("url", url()), Map.of(), work)));
        assertEquals("notify: the message names ${counts}, which this run does not have (it has [file, flow, run])",
                assertThrows(IllegalArgumentException.class, () -> step().execute(new RecordingStepContext("f-4",
                        Map.of("message", "found ${counts}"), Map.of("file", "a.emd"), work))).getMessage());
        assertEquals("notify: url 'ftp://x/y' is not http or https", assertThrows(IllegalArgumentException.class,
                () -> step().execute(new RecordingStepContext("f-5", Map.of("url", "ftp://x/y"), Map.of(), work)))
                .getMessage());
        assertEquals(0, events.size(), "nothing is announced for a notification that failed");
    }
}
