package org.condenser.itests;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** Where the dashboard is served, and a page's event stream followed as a browser follows it. */
final class DashboardClient {

    private DashboardClient() {
    }

    /** The dashboard's address, from the web server's runtime service (it listens on a port of its choosing). */
    static String base(BundleContext context) throws InvalidSyntaxException {
        ServiceReference<?>[] runtimes = context.getServiceReferences(
                "org.osgi.service.servlet.runtime.HttpServiceRuntime", null);
        if (runtimes == null) {
            throw new AssertionError("no web server runs");
        }
        Object endpoint = runtimes[0].getProperty("osgi.http.endpoint");
        String first = endpoint instanceof String[] ? ((String[]) endpoint)[0]
                : endpoint instanceof Collection ? String.valueOf(((Collection<?>) endpoint).iterator().next())
                        : String.valueOf(endpoint);
        return (first.endsWith("/") ? first : first + "/") + "dashboard/";
    }

    /** Opens the page's event stream and reads it until closed; closing checks that snapshots arrived. */
    static AutoCloseable follow(BundleContext context) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base(context) + "api/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        AtomicLong snapshots = new AtomicLong();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event: snapshot")) {
                        snapshots.incrementAndGet();
                    }
                }
            } catch (java.io.IOException closed) {
                // the stream was closed
            }
        }, "dashboard-follower");
        reader.setDaemon(true);
        reader.start();
        return () -> {
            response.body().close();
            reader.join(5000);
            if (snapshots.get() == 0) {
                throw new AssertionError("the dashboard sent no snapshot while followed");
            }
        };
    }
}
