package org.condenser.provenance.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.provenance.RecordedEvent;
import org.condenser.api.provenance.StateSample;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code cnd:history [INSTRUMENT [SECONDS]]}: the state recorder's figures (store size, evictions,
 * what was dropped or failed), and with an instrument its values and events of the last SECONDS.
 */
@Component(service = HistoryCommand.class, property = { "osgi.command.scope=cnd", "osgi.command.function=history" })
public final class HistoryCommand {

    private final StateRecorder recorder;

    @Activate
    public HistoryCommand(@Reference StateRecorder recorder) {
        this.recorder = recorder;
    }

    @Descriptor("the recorded state: the store's figures; with an instrument, its values and events of the last SECONDS (60)")
    public void history(@Descriptor("instrument (none: only the store's figures)") String... arguments) {
        System.out.println(recorder.figures());
        if (arguments.length == 0) {
            return;
        }
        long seconds;
        try {
            seconds = arguments.length > 1 ? Long.parseLong(arguments[1]) : 60;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("history: '" + arguments[1] + "' is not a number of seconds");
        }
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofSeconds(seconds));
        Map<String, List<StateSample>> byProperty = new TreeMap<>();
        for (StateSample sample : recorder.samples(arguments[0], null, from, to)) {
            byProperty.computeIfAbsent(sample.property(), p -> new ArrayList<>()).add(sample);
        }
        if (byProperty.isEmpty()) {
            System.out.println("  no samples of '" + arguments[0] + "' in the last " + seconds + " s");
        }
        byProperty.forEach((property, list) -> System.out.println("  " + property + ": " + list.size() + " kept, "
                + list.get(0).value() + " → " + list.get(list.size() - 1).value() + " " + list.get(0).unit()));
        for (RecordedEvent event : recorder.events(from, to)) {
            if (event.source().contains(arguments[0])) {
                System.out.println("  " + event.time() + " " + event.kind() + ": " + event.message());
            }
        }
    }
}
