package org.condenser.provenance.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.provenance.StateHistory;
import org.condenser.api.provenance.StateSample;
import org.condenser.api.provenance.TwinReplay;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code cnd:replay}: makes the digital twin follow a recorded stretch of a session
 * ({@code start SOURCE FROM TO [SPEED]}, times as ISO instants or {@code -SECONDS} ago), says how
 * far it got ({@code status}), stops it ({@code stop}), and compares what the twin did, as the
 * recorder saw it, with the recording it followed ({@code compare}).
 */
@Component(service = ReplayCommand.class, immediate = true, property = { "osgi.command.scope=cnd", "osgi.command.function=replay" })
public final class ReplayCommand {

    /** The replay in progress or last run: what was followed, and when the twin started. */
    private record Replay(String source, String twin, List<StateSample> trajectory, Instant started, double speed) {
    }

    @Reference
    private StateHistory history;

    private volatile TwinReplay twin;
    private volatile String twinId = "";
    private volatile Replay last;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTwin(TwinReplay replay, Map<String, Object> properties) {
        twinId = String.valueOf(properties.getOrDefault("condenser.instrument.id", ""));
        twin = replay;
    }

    void unbindTwin(TwinReplay replay) {
        if (twin == replay) {
            twin = null;
        }
    }

    private TwinReplay twin() {
        TwinReplay found = twin;
        if (found == null) {
            throw new IllegalStateException("replay: no digital twin in this runtime (the simulated STEM provides one)");
        }
        return found;
    }

    @Descriptor("twin replay: start SOURCE FROM TO [SPEED] | status | stop | compare (FROM, TO: ISO instants or -SECONDS ago)")
    public void replay(String... arguments) {
        System.out.println(run(arguments)); // a command prints: a returned value shows only inside echo (…)
    }

    private String run(String... arguments) {
        if (arguments.length == 0) {
            throw new IllegalArgumentException("replay: start SOURCE FROM TO [SPEED] | status | stop | compare");
        }
        switch (arguments[0]) {
        case "start":
            return start(arguments);
        case "status":
            return twin().following();
        case "stop":
            return twin().stopFollowing();
        case "compare":
            return compare();
        default:
            throw new IllegalArgumentException("replay: unknown '" + arguments[0] + "' (start, status, stop, compare)");
        }
    }

    private String start(String[] arguments) {
        if (arguments.length < 4) {
            throw new IllegalArgumentException("replay start SOURCE FROM TO [SPEED]");
        }
        Instant now = Instant.now();
        Instant from = instant(arguments[2], now);
        Instant to = instant(arguments[3], now);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("replay: " + arguments[3] + " is not after " + arguments[2]);
        }
        double speed;
        try {
            speed = arguments.length > 4 ? Double.parseDouble(arguments[4]) : 1;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replay: speed '" + arguments[4] + "' is not a number");
        }
        // the state in force at FROM, then everything recorded until TO, each at its time
        List<StateSample> trajectory = new ArrayList<>();
        for (StateSample atStart : history.stateAt(arguments[1], from).values()) {
            trajectory.add(new StateSample(atStart.instrumentId(), atStart.property(), atStart.value(), atStart.unit(),
                    from));
        }
        trajectory.addAll(history.samples(arguments[1], null, from, to));
        if (trajectory.isEmpty()) {
            throw new IllegalArgumentException("replay: nothing recorded of '" + arguments[1] + "' between " + from
                    + " and " + to);
        }
        TwinReplay target = twin();
        Instant started = Instant.now();
        String answer = target.follow(trajectory, speed);
        last = new Replay(arguments[1], twinId, trajectory, started, speed);
        return answer;
    }

    private static Instant instant(String text, Instant now) {
        try {
            return text.startsWith("-") ? now.minus(Duration.ofMillis((long) (Double.parseDouble(text.substring(1))
                    * 1000))) : Instant.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("replay: '" + text + "' is neither an ISO instant nor -SECONDS");
        }
    }

    /**
     * For each followed property, every value the recorder kept of the twin during the replay
     * against the recording's value at the matching moment: how many agree, and the largest
     * difference.
     */
    private String compare() {
        Replay replay = last;
        if (replay == null) {
            throw new IllegalStateException("replay: nothing has been replayed yet");
        }
        Instant first = replay.trajectory().stream().map(StateSample::time).min(Instant::compareTo).orElseThrow();
        Map<String, TreeMap<Instant, Double>> recorded = new TreeMap<>();
        for (StateSample sample : replay.trajectory()) {
            if (sample.value() instanceof Number number) {
                recorded.computeIfAbsent(sample.property(), p -> new TreeMap<>()).put(sample.time(), number.doubleValue());
            }
        }
        StringBuilder out = new StringBuilder("replay of " + replay.source() + " from " + first + " at " + replay.speed()
                + "x on " + replay.twin() + ", started " + replay.started() + ":");
        for (Map.Entry<String, TreeMap<Instant, Double>> property : recorded.entrySet()) {
            int agree = 0;
            int total = 0;
            double worst = 0;
            for (StateSample seen : history.samples(replay.twin(), property.getKey(), replay.started(), Instant.now())) {
                if (!(seen.value() instanceof Number number)) {
                    continue;
                }
                double elapsed = Duration.between(replay.started(), seen.time()).toNanos() / 1e9 * replay.speed();
                Map.Entry<Instant, Double> then = property.getValue().floorEntry(first.plusNanos((long) (elapsed * 1e9)));
                double expected = then != null ? then.getValue() : property.getValue().firstEntry().getValue();
                double difference = Math.abs(number.doubleValue() - expected);
                worst = Math.max(worst, difference);
                agree += difference <= 1e-9 * Math.max(Math.abs(expected), 1e-30) ? 1 : 0;
                total++;
            }
            out.append(String.format(Locale.ROOT, "%n  %s: %d of %d values agree, largest difference %.3g",
                    property.getKey(), agree, total, worst));
        }
        return out.toString();
    }
}
