package org.condenser.telemetry.mqtt.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.condenser.api.data.Streams;
import org.condenser.api.flow.Flows;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.WriteResult;
import org.condenser.api.runtime.Role;
import org.condenser.api.runtime.Users;
import org.condenser.json.Json;

/**
 * Remote commands: a JSON request on {@code PREFIX/NODE/commands/CLIENT} is answered on
 * {@code PREFIX/NODE/replies/CLIENT} with the request's {@code id}, so a client matches answers to
 * questions. Every request names its {@code user} and {@code password}; each command needs a role
 * (reading: viewer; writing properties, streams and flows: operator), and writes go through the
 * instrument service, so the safety envelope judges them. Anything wrong — malformed JSON, too
 * large, unknown command, instrument or property, a wrong password, too small a role — is answered
 * with {@code ok: false} and an error naming it.
 */
final class RemoteCommands {

    /** A command's name, the role it needs, and what it does. */
    private record Command(String name, Role role, Function<Map<?, ?>, Object> run) {
    }

    private final Users users;
    private final Function<String, Optional<Instrument>> instruments;
    private final Supplier<List<String>> instrumentIds;
    private final Supplier<Streams> streams;
    private final Supplier<Flows> flows;
    private final int maxBytes;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    RemoteCommands(Users users, Function<String, Optional<Instrument>> instruments, Supplier<List<String>> instrumentIds,
            Supplier<Streams> streams, Supplier<Flows> flows, int maxBytes) {
        this.users = users;
        this.instruments = instruments;
        this.instrumentIds = instrumentIds;
        this.streams = streams;
        this.flows = flows;
        this.maxBytes = maxBytes;
        add("instruments", Role.VIEWER, request -> instrumentIds.get());
        add("properties", Role.VIEWER, request -> instrument(request).properties().stream()
                .map(TelemetryValues::descriptor).toList());
        add("read", Role.VIEWER, this::read);
        add("write", Role.OPERATOR, this::write);
        add("stream.start", Role.OPERATOR, request -> call(() -> service(streams.get(), "streams")
                .start(text(request, "source"), request.get("analysis") == null ? null : text(request, "analysis"))));
        add("stream.stop", Role.OPERATOR, request -> call(() -> service(streams.get(), "streams")
                .stop(text(request, "source"))));
        add("flow.run", Role.OPERATOR, request -> call(() -> service(flows.get(), "flows").run(text(request, "flow"),
                inputs(request.get("inputs")))));
    }

    private void add(String name, Role role, Function<Map<?, ?>, Object> run) {
        commands.put(name, new Command(name, role, run));
    }

    /** The reply to a request's payload, as JSON. Never throws: every failure is an answer. */
    byte[] handle(byte[] payload) {
        Map<String, Object> reply = new LinkedHashMap<>();
        Object id = null;
        try {
            if (payload.length > maxBytes) {
                throw new CommandException("a command of " + payload.length + " bytes is over the " + maxBytes
                        + "-byte limit");
            }
            Object parsed;
            try {
                parsed = Json.parse(new String(payload, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new CommandException("the command is not JSON: " + e.getMessage());
            }
            if (!(parsed instanceof Map<?, ?> request)) {
                throw new CommandException("a command is a JSON object, not " + Json.write(parsed));
            }
            id = request.get("id");
            reply.put("id", id);
            String name = text(request, "command");
            reply.put("command", name);
            Command command = commands.get(name);
            if (command == null) {
                throw new CommandException("unknown command '" + name + "'; commands: " + commands.keySet());
            }
            Object user = request.get("user");
            Optional<Role> role = users.authenticate(user instanceof String u ? u : null,
                    request.get("password") instanceof String p ? p : null);
            if (role.isEmpty()) {
                throw new CommandException("not authenticated: unknown user or wrong password");
            }
            if (!role.get().allows(command.role())) {
                throw new CommandException(user + " is " + role.get().name().toLowerCase() + "; " + name + " needs "
                        + command.role().name().toLowerCase());
            }
            Object result = command.run().apply(request);
            reply.put("ok", true);
            reply.put("result", result);
        } catch (RuntimeException e) {
            reply.put("id", id);
            reply.put("ok", false);
            // refusals and bad input say what was wrong themselves; anything else is named by its type too
            boolean told = e instanceof CommandException || e instanceof IllegalArgumentException
                    || e instanceof IllegalStateException;
            reply.put("error", told ? e.getMessage() : "the command failed: " + e);
        }
        reply.put("time", Instant.now().toString());
        return Json.write(reply).getBytes(StandardCharsets.UTF_8);
    }

    private Instrument instrument(Map<?, ?> request) {
        String id = text(request, "instrument");
        return instruments.apply(id).orElseThrow(() -> new CommandException("no instrument '" + id + "'; instruments: "
                + instrumentIds.get()));
    }

    private Object read(Map<?, ?> request) {
        Instrument instrument = instrument(request);
        List<String> names = names(request.get("properties"), instrument);
        Map<String, PropertyDescriptor> descriptors = new LinkedHashMap<>();
        instrument.properties().forEach(d -> descriptors.put(d.name(), d));
        return instrument.read(names).stream().map(r -> TelemetryValues.value(instrument.id(), r,
                descriptors.get(r.name()))).toList();
    }

    private Object write(Map<?, ?> request) {
        Instrument instrument = instrument(request);
        if (!(request.get("values") instanceof Map<?, ?> values) || values.isEmpty()) {
            throw new CommandException("write needs 'values', an object of property names and values");
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        values.forEach((k, v) -> typed.put(String.valueOf(k), v));
        List<WriteResult> results = instrument.write(typed);
        List<WriteResult> refused = results.stream().filter(r -> r.status() != RecordStatus.OK).toList();
        if (!refused.isEmpty()) {
            throw new CommandException(String.join("; ", refused.stream().map(r -> r.name() + ": "
                    + r.status().name().toLowerCase().replace('_', ' ') + (r.message() == null || r.message().isEmpty()
                            ? "" : " (" + r.message() + ")")).toList()));
        }
        return results.stream().map(TelemetryValues::written).toList();
    }

    private static List<String> names(Object value, Instrument instrument) {
        if (value == null) {
            return instrument.properties().stream().map(PropertyDescriptor::name).toList();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new CommandException("'properties' must be a list of property names, not " + Json.write(value));
    }

    private static Map<String, Object> inputs(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new CommandException("'inputs' must be an object, not " + Json.write(value));
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        map.forEach((k, v) -> inputs.put(String.valueOf(k), v));
        return inputs;
    }

    private static String text(Map<?, ?> request, String key) {
        if (!(request.get(key) instanceof String value) || value.isBlank()) {
            throw new CommandException("'" + key + "' must be a non-empty string, not " + Json.write(request.get(key)));
        }
        return value;
    }

    private static <T> T service(T service, String what) {
        if (service == null) {
            throw new CommandException("this runtime has no " + what);
        }
        return service;
    }

    private interface Call {
        Object call() throws Exception;
    }

    private static Object call(Call call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** A command refused or failed, in words for the reply. */
    static final class CommandException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommandException(String message) {
            super(message);
        }
    }
}
