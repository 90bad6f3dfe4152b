package org.condenser.dashboard.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.condenser.api.analysis.Analyses;
import org.condenser.api.data.SeriesResult;
import org.condenser.api.data.Streams;
import org.condenser.api.flow.Flows;
import org.condenser.api.flow.RunEvent;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.runtime.Role;
import org.condenser.api.runtime.RuntimeStatus;
import org.condenser.api.runtime.Users;
import org.condenser.api.telemetry.Alert;
import org.condenser.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The dashboard at {@code /dashboard/} on the runtime's web server: a page (index.html,
 * dashboard.js) that follows the runtime live through server-sent events ({@code api/events}, one
 * snapshot per update), fetches each stream's latest image as PNG, and sends commands
 * ({@code api/command}) once an operator has logged in ({@code api/login}, the runtime's users).
 * Viewing needs no login: the page shows what the MQTT and pvAccess servers already publish.
 */
@Component(service = { Servlet.class, EventHandler.class }, immediate = true, configurationPid = DashboardConfig.PID,
        property = { EventConstants.EVENT_TOPIC + "=" + Alert.TOPIC_PREFIX + "*",
                EventConstants.EVENT_TOPIC + "=" + RunEvent.TOPIC })
@HttpWhiteboardServletPattern("/dashboard/*")
@Designate(ocd = DashboardConfig.class)
public final class Dashboard extends HttpServlet implements EventHandler {

    private static final long serialVersionUID = 1L;
    private static final String COOKIE = "condenser-session";
    private static final int MAX_BODY = 65_536;
    private static final Map<String, String> STATIC = Map.of("/", "index.html", "/index.html", "index.html",
            "/dashboard.js", "dashboard.js", "/dashboard.css", "dashboard.css");

    private final transient Users users;
    private final transient Logger log;
    private final transient Sessions sessions;
    private final transient RecentEvents recent;
    private final transient DashboardSnapshot snapshots = new DashboardSnapshot();
    private final transient DashboardCommands commands;
    private final transient ScheduledExecutorService updater = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "condenser-dashboard");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger pagesOpen = new AtomicInteger();
    private final int maxPages;
    private final long updateMillis;
    /** The latest snapshot as JSON, and its number; pages wait on this object for the next. */
    private final Object updates = new Object();
    private String latest = "{}";
    private long version;
    private volatile boolean stopping;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, fieldOption = FieldOption.UPDATE)
    private final transient List<Instrument> instruments = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Streams streams;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Flows flows;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile RuntimeStatus runtime;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Analyses analyses;

    @Activate
    public Dashboard(DashboardConfig config, @Reference Users users,
            @Reference(service = LoggerFactory.class) Logger log) {
        if (!(config.updateSeconds() >= 0.1) || config.sessionMinutes() < 1 || config.maxPages() < 1) {
            throw new IllegalArgumentException("dashboard: updateSeconds must be at least 0.1, sessionMinutes and "
                    + "maxPages at least 1 (they are " + config.updateSeconds() + ", " + config.sessionMinutes() + ", "
                    + config.maxPages() + ")");
        }
        this.users = users;
        this.log = log;
        this.sessions = new Sessions(Duration.ofMinutes(config.sessionMinutes()), Clock.systemUTC());
        this.recent = new RecentEvents(config.recentKept());
        this.commands = new DashboardCommands(id -> instruments.stream().filter(i -> i.id().equals(id)).findFirst());
        this.maxPages = config.maxPages();
        this.updateMillis = (long) (config.updateSeconds() * 1000);
        updater.scheduleWithFixedDelay(this::update, 0, updateMillis, TimeUnit.MILLISECONDS);
    }

    private void update() {
        try {
            String json = Json.write(snapshots.take(runtime, instruments, streams, flows, recent));
            synchronized (updates) {
                latest = json;
                version++;
                updates.notifyAll();
            }
        } catch (RuntimeException e) {
            log.warn("dashboard: update failed: {}", e.toString());
        }
    }

    @Override
    public void handleEvent(Event event) {
        Object payload = event.getProperty(event.getTopic().equals(RunEvent.TOPIC) ? RunEvent.EVENT_PROPERTY
                : Alert.EVENT_PROPERTY);
        if (payload instanceof RunEvent) {
            recent.run((RunEvent) payload);
        } else if (payload instanceof Alert) {
            recent.alert((Alert) payload);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.isEmpty()) {
            response.sendRedirect(request.getRequestURI() + "/");
        } else if (STATIC.containsKey(path)) {
            resource(STATIC.get(path), response);
        } else if (path.equals("/api/events")) {
            events(response);
        } else if (path.equals("/api/snapshot")) {
            String json;
            synchronized (updates) {
                json = latest;
            }
            send(response, 200, json);
        } else if (path.equals("/api/me")) {
            Optional<Sessions.Login> login = sessions.find(token(request));
            if (login.isEmpty()) {
                error(response, 401, "not logged in");
            } else {
                send(response, 200, Json.write(Map.of("user", login.get().user(), "role", login.get().role().name()
                        .toLowerCase(), "commands", login.get().role().allows(Role.OPERATOR)
                                ? DashboardCommands.names() : List.of())));
            }
        } else if (path.startsWith("/api/image/") && path.endsWith(".png")) {
            image(URLDecoder.decode(path.substring("/api/image/".length(), path.length() - 4), StandardCharsets.UTF_8),
                    response);
        } else {
            error(response, 404, "no such page: " + path);
        }
    }

    private void resource(String name, HttpServletResponse response) throws IOException {
        try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                error(response, 404, "no such page: " + name);
                return;
            }
            response.setContentType(name.endsWith(".html") ? "text/html;charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript;charset=utf-8" : "text/css;charset=utf-8");
            response.setHeader("Cache-Control", "no-cache");
            in.transferTo(response.getOutputStream());
        }
    }

    /** Server-sent events: every new snapshot, until the page goes away or the runtime stops. */
    private void events(HttpServletResponse response) throws IOException {
        if (pagesOpen.incrementAndGet() > maxPages) {
            pagesOpen.decrementAndGet();
            error(response, 503, "already " + maxPages + " pages open (maxPages in conf/" + DashboardConfig.PID + ".cfg)");
            return;
        }
        try {
            response.setContentType("text/event-stream;charset=utf-8");
            response.setHeader("Cache-Control", "no-cache");
            PrintWriter out = response.getWriter();
            long sent = -1;
            while (!stopping) {
                String json;
                synchronized (updates) {
                    if (version == sent) {
                        updates.wait(Math.max(1000, updateMillis * 5));
                    }
                    json = latest;
                    sent = version;
                }
                out.write("event: snapshot\ndata: " + json + "\n\n");
                out.flush();
                if (out.checkError()) {
                    return; // the page went away
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pagesOpen.decrementAndGet();
        }
    }

    private void image(String source, HttpServletResponse response) throws IOException {
        Streams live = streams;
        Analyses renderer = analyses;
        SeriesResult result = live == null ? null : live.latestResults().get(source);
        if (result == null || renderer == null || result.result().shape().length != 2) {
            error(response, 404, "no image from '" + source + "' yet");
            return;
        }
        response.setContentType("image/png");
        response.getOutputStream().write(renderer.png(result.result()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        Map<?, ?> body;
        try {
            body = body(request);
        } catch (IllegalArgumentException e) {
            error(response, e.getMessage().startsWith("the request is over") ? 413 : 400, e.getMessage());
            return;
        }
        switch (path) {
        case "/api/login":
            login(body, response);
            break;
        case "/api/logout":
            sessions.close(token(request));
            response.addHeader("Set-Cookie", COOKIE + "=; Path=/dashboard; Max-Age=0; HttpOnly; SameSite=Strict");
            send(response, 200, "{\"ok\":true}");
            break;
        case "/api/command":
            command(request, body, response);
            break;
        default:
            error(response, 404, "no such action: " + path);
        }
    }

    private Map<?, ?> body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new IllegalArgumentException("the request is over the " + MAX_BODY + "-byte limit");
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("the request is over the " + MAX_BODY + "-byte limit");
        }
        if (bytes.length == 0) {
            return Map.of();
        }
        Object parsed;
        try {
            parsed = Json.parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the request is not JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("the request must be a JSON object");
        }
        return (Map<?, ?>) parsed;
    }

    private void login(Map<?, ?> body, HttpServletResponse response) throws IOException {
        Object user = body.get("user");
        Object password = body.get("password");
        Optional<Role> role = user instanceof String && password instanceof String
                ? users.authenticate((String) user, (String) password) : Optional.empty();
        if (role.isEmpty()) {
            log.warn("dashboard: login refused for '{}'", user);
            error(response, 401, "unknown user or wrong password");
            return;
        }
        String token = sessions.open((String) user, role.get());
        response.addHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/dashboard; HttpOnly; SameSite=Strict");
        send(response, 200, Json.write(Map.of("user", user, "role", role.get().name().toLowerCase())));
    }

    private void command(HttpServletRequest request, Map<?, ?> body, HttpServletResponse response) throws IOException {
        Optional<Sessions.Login> login = sessions.find(token(request));
        if (login.isEmpty()) {
            error(response, 401, "log in to send commands");
            return;
        }
        if (!login.get().role().allows(Role.OPERATOR)) {
            error(response, 403, login.get().user() + " is " + login.get().role().name().toLowerCase()
                    + "; commands need operator");
            return;
        }
        try {
            Object result = commands.run(body, streams, flows);
            log.info("dashboard: {} ran {}", login.get().user(), body.get("command"));
            send(response, 200, Json.write(Map.of("ok", true, "result", String.valueOf(result))));
        } catch (IllegalArgumentException | IllegalStateException e) {
            error(response, 400, e.getMessage());
        } catch (Exception e) {
            error(response, 500, e.toString());
        }
    }

    private static String token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(COOKIE)) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.getWriter().write(json);
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, Json.write(Map.of("ok", false, "error", message)));
    }

    @Deactivate
    void deactivate() {
        stopping = true;
        updater.shutdownNow();
        synchronized (updates) {
            updates.notifyAll();
        }
    }
}
