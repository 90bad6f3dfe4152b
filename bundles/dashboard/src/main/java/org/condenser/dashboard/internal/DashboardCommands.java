package org.condenser.dashboard.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.condenser.api.data.Streams;
import org.condenser.api.flow.Flows;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.WriteResult;

/**
 * The commands the page sends once an operator has logged in: write a property (through the
 * instrument's guard and safety envelope), start or stop a stream, run a flow. A command that
 * cannot be carried out throws {@link IllegalArgumentException} with the reason, which the page
 * shows as it is.
 */
final class DashboardCommands {

    private final Function<String, Optional<Instrument>> instruments;

    DashboardCommands(Function<String, Optional<Instrument>> instruments) {
        this.instruments = instruments;
    }

    Object run(Map<?, ?> request, Streams streams, Flows flows) throws Exception {
        String command = text(request, "command");
        switch (command) {
        case "write": {
            String id = text(request, "instrument");
            Instrument instrument = instruments.apply(id)
                    .orElseThrow(() -> new IllegalArgumentException("no instrument '" + id + "'"));
            String property = text(request, "property");
            if (!request.containsKey("value")) {
                throw new IllegalArgumentException("'write' needs a value");
            }
            WriteResult result = instrument.write(Map.of(property, request.get("value"))).get(0);
            if (result.status() != RecordStatus.OK) {
                throw new IllegalArgumentException(property + " = " + request.get("value") + " refused: "
                        + result.status() + (result.message().isEmpty() ? "" : ": " + result.message()));
            }
            return property + " = " + request.get("value") + ": OK";
        }
        case "stream.start":
            return need(streams, "streams").start(text(request, "source"),
                    request.get("analysis") == null || String.valueOf(request.get("analysis")).isBlank() ? null
                            : text(request, "analysis"));
        case "stream.stop":
            return need(streams, "streams").stop(text(request, "source"));
        case "flow.run":
            return need(flows, "flows").run(text(request, "flow"), Map.of());
        default:
            throw new IllegalArgumentException("unknown command '" + command + "' (write, stream.start, stream.stop, "
                    + "flow.run)");
        }
    }

    private static <T> T need(T service, String what) {
        if (service == null) {
            throw new IllegalArgumentException("no " + what + " in this runtime");
        }
        return service;
    }

    private static String text(Map<?, ?> request, String key) {
        Object value = request.get(key);
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new IllegalArgumentException("'" + key + "' is missing or not text");
        }
        return (String) value;
    }

    static List<String> names() {
        return List.of("write", "stream.start", "stream.stop", "flow.run");
    }
}
