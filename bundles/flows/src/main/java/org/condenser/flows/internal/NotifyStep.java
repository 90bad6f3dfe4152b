package org.condenser.flows.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.condenser.api.flow.FlowNotifications;
import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.StepContext;
import org.condenser.api.flow.TransientStepException;
import org.condenser.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The flow step {@code notify}: tells people what a run did. Its {@code message} (default: the run
 * and its file) has {@code ${name}} placeholders filled from the run's values ({@code run},
 * {@code flow}, and whatever earlier steps produced); it is logged, posted as an Event Admin event
 * ({@link FlowNotifications}) for telemetry and dashboards, and, with a {@code url}, POSTed as JSON to
 * a webhook (a chat channel, a facility's ticket system) with optional {@code headers}.
 * A webhook that is down or answers 5xx, 408 or 429 is a transient fault (the run retries with
 * back-off); any other refusal, a placeholder no step produced or a malformed url is bad
 * configuration and quarantines the run, naming it. Outputs {@code notification}, the message sent.
 */
@Component(service = FlowStep.class, property = FlowStep.TYPE + "=notify")
public final class NotifyStep implements FlowStep {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final Set<String> LEVELS = Set.of("info", "warning", "alert");

    private final Logger log;
    private final EventAdmin events;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Activate
    public NotifyStep(@Reference(service = LoggerFactory.class) Logger log,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            EventAdmin events) {
        this.log = log;
        this.events = events;
    }

    @Override
    public void execute(StepContext context) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>(context.inputs());
        values.put("run", context.runId());
        values.put("flow", context.flow());
        Object template = context.parameters().getOrDefault("message", "${flow} run ${run} done"
                + (values.containsKey("file") ? ": ${file}" : ""));
        String message = fill(String.valueOf(template), values);
        String level = String.valueOf(context.parameters().getOrDefault("level", "info"));
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("notify: level '" + level + "' is not one of " + new TreeSet<>(LEVELS));
        }
        if (context.parameters().get("url") instanceof String url) {
            post(url, context, message, level, values);
        } else if (context.parameters().containsKey("url")) {
            throw new IllegalArgumentException("notify: 'url' must be a string, not " + context.parameters().get("url"));
        }
        if (level.equals("info")) {
            log.info("flows: {} notifies: {}", context.runId(), message);
        } else {
            log.warn("flows: {} notifies ({}): {}", context.runId(), level, message);
        }
        if (events != null) {
            events.postEvent(new Event(FlowNotifications.TOPIC, Map.of(FlowNotifications.RUN, context.runId(),
                    FlowNotifications.FLOW, values.get("flow"), FlowNotifications.MESSAGE, message,
                    FlowNotifications.LEVEL, level)));
        }
        context.output("notification", message);
    }

    static String fill(String template, Map<String, Object> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("notify: the message names ${" + name + "}, which this run does not "
                        + "have (it has " + new TreeSet<>(values.keySet()) + ")");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(values.get(name))));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private void post(String url, StepContext context, String message, String level, Map<String, Object> values)
            throws TransientStepException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("notify: url '" + url + "' is malformed: " + e.getMessage());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("notify: url '" + url + "' is not http or https");
        }
        double timeout = context.parameters().get("timeoutSeconds") instanceof Number n ? n.doubleValue() : 10;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", context.runId());
        body.put("flow", values.get("flow"));
        body.put("level", level);
        body.put("message", message);
        body.put("text", message); // the field Slack and Mattermost incoming webhooks show
        body.put("values", context.inputs());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis((long) (timeout * 1000)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        if (context.parameters().get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> request.header(String.valueOf(name), String.valueOf(value)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientStepException("notify: " + uri.getHost() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientStepException("notify: interrupted while posting to " + uri.getHost(), e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String reply = response.body().length() > 200 ? response.body().substring(0, 200) + "…" : response.body();
        String why = "notify: " + uri + " answered " + status + (reply.isBlank() ? "" : ": " + reply.strip());
        if (status >= 500 || status == 408 || status == 429) {
            throw new TransientStepException(why, null);
        }
        throw new IllegalStateException(why);
    }
}
