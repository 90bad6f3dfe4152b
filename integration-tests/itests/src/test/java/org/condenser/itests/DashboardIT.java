package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The dashboard: its API answers and refuses as it should (login for commands, roles, bad input),
 * and in headless Chromium the page goes live, shows the instrument's values and the latest
 * virtual image, and keeps its command controls hidden until an operator logs in. The
 * screenshot stays in {@code target/dashboard/dashboard.png}.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class DashboardIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    private String snapshot(String base) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "api/snapshot")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageGoesLiveAndOnlyOperatorsCommand() throws Exception {
        String base = DashboardClient.base(context);
        assertThat(Shell.run(shell, "cnd:user add dash-viewer viewer dv-secret-1").failure()).isNull();
        assertThat(Shell.run(shell, "cnd:user add dash-operator operator do-secret-1").failure()).isNull();
        try {
            Await.untilAnswered("a snapshot names the instrument", () -> snapshot(base).contains("\"id\":\"sim-stem\""),
                    () -> "");

            // commands: login first, then the role, then the command itself is judged
            HttpResponse<String> anonymous = post(base + "api/command",
                    "{\"command\": \"write\", \"instrument\": \"sim-stem\", \"property\": \"defocus\", \"value\": 1e-8}");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("log in to send commands");
            assertThat(post(base + "api/login", "{\"user\": \"dash-operator\", \"password\": \"wrong\"}").statusCode())
                    .isEqualTo(401);
            assertThat(post(base + "api/login", "{\"user\": \"dash-viewer\", \"password\": \"dv-secret-1\"}")
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> viewer = post(base + "api/command",
                    "{\"command\": \"write\", \"instrument\": \"sim-stem\", \"property\": \"defocus\", \"value\": 1e-8}");
            assertThat(viewer.statusCode()).isEqualTo(403);
            assertThat(viewer.body()).contains("dash-viewer is viewer; commands need operator");
            assertThat(post(base + "api/login", "{\"user\": \"dash-operator\", \"password\": \"do-secret-1\"}")
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> write = post(base + "api/command",
                    "{\"command\": \"write\", \"instrument\": \"sim-stem\", \"property\": \"defocus\", \"value\": 1e-8}");
            assertThat(write.statusCode()).as(write.body()).isEqualTo(200);
            assertThat(write.body()).contains("defocus = 1.0E-8: OK");
            HttpResponse<String> envelope = post(base + "api/command", "{\"command\": \"write\", \"instrument\": "
                    + "\"sim-stem\", \"property\": \"high_tension\", \"value\": 80000}");
            assertThat(envelope.statusCode()).isEqualTo(400);
            assertThat(envelope.body()).contains("refused", "forbidden high_tension");
            assertThat(post(base + "api/command", "{\"command\": \"write\", \"instrument\": \"tem-9\", "
                    + "\"property\": \"defocus\", \"value\": 1}").body()).contains("no instrument 'tem-9'");
            assertThat(post(base + "api/command", "{\"command\": \"fly\"}").body()).contains("unknown command 'fly'");
            HttpResponse<String> malformed = post(base + "api/command", "{\"command\": ");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("the request is not JSON");
            HttpResponse<String> oversized = post(base + "api/command", "{\"pad\": \"" + "x".repeat(70_000) + "\"}");
            assertThat(oversized.statusCode()).isEqualTo(413);
            assertThat(oversized.body()).contains("over the 65536-byte limit");
            HttpResponse<String> started = post(base + "api/command", "{\"command\": \"stream.start\", \"source\": "
                    + "\"no-such-detector\"}");
            assertThat(started.statusCode()).isEqualTo(400);

            // a streamed series, so the page has an image and a pipeline to show
            assertThat(Shell.run(shell, "cnd:stream start arina adf --wait").failure()).isNull();
            Await.untilAnswered("the snapshot carries the image", () -> snapshot(base).contains("api/image/arina.png"),
                    () -> "");
            HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(base + "api/image/arina.png")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(png.statusCode()).isEqualTo(200);
            assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');

            // the page itself, in a real browser
            Path work = Files.createDirectories(Path.of(context.getProperty("condenser.home")).getParent()
                    .resolve("dashboard"));
            String[] dom = new String[1];
            Await.until("the page goes live with values and the image", Duration.ofSeconds(90), () -> {
                try {
                    dom[0] = Chromium.dom(work, base);
                } catch (Exception e) {
                    dom[0] = e.toString();
                    return false;
                }
                return dom[0].contains("id=\"connection\" class=\"state live\">live")
                        && dom[0].contains("data-property=\"sim-stem/defocus\"")
                        && dom[0].matches("(?s).*data-property=\"sim-stem/high_tension\"><td>high_tension</td>"
                                + "<td class=\"value\">[0-9.e+]+</td><td>V</td>.*")
                        && dom[0].contains("api/image/arina.png");
            }, () -> dom[0]);
            assertThat(dom[0]).as("no command controls before an operator logs in")
                    .contains("id=\"stream\" class=\"operator\" hidden").doesNotContain(">Set<");
            Path screenshot = work.resolve("dashboard.png");
            Files.deleteIfExists(screenshot);
            Chromium.screenshot(work, base, screenshot);
            assertThat(Files.size(screenshot)).as("the screenshot").isGreaterThan(20_000);
        } finally {
            Shell.run(shell, "cnd:user remove dash-viewer");
            Shell.run(shell, "cnd:user remove dash-operator");
        }
    }
}
