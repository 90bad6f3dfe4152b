package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.provenance.StateHistory;
import org.condenser.api.provenance.StateSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Twin replay: a recorded stretch of the session (three defocus steps) is played back on the
 * simulated STEM at its own pace; the twin takes on the recorded values, holds the last one, and the
 * comparison of its own record with the recording agrees.
 */
@ExtendWith(ServiceExtension.class)
class TwinReplayIT {

    private static final Pattern AGREE = Pattern.compile("defocus: (\\d+) of (\\d+) values agree");

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    @InjectService(timeout = 20_000)
    StateHistory history;

    @InjectService(filter = "(condenser.instrument.id=sim-stem)", timeout = 20_000)
    Instrument sim;

    private boolean recorded(Instant since, double value) {
        return history.samples("sim-stem", PropertyNames.DEFOCUS, since, Instant.now()).stream()
                .anyMatch(s -> Math.abs(((Number) s.value()).doubleValue() - value) < 1e-9);
    }

    @Test
    void theTwinFollowsARecordedStretchOfTheSession() throws Exception {
        Instant from = Instant.now();
        for (double step : new double[] { 1e-8, 2e-8, 3e-8 }) {
            assertThat(sim.write(Map.of(PropertyNames.DEFOCUS, step)).get(0).status()).isEqualTo(RecordStatus.OK);
            Await.until("the recorder keeps defocus near " + step, () -> recorded(from, step));
        }
        Instant to = Instant.now();
        List<StateSample> recording = history.samples("sim-stem", PropertyNames.DEFOCUS, from, to);
        double lastRecorded = ((Number) recording.get(recording.size() - 1).value()).doubleValue();

        String started = Shell.run(shell, "cnd:replay start sim-stem " + from + " " + to + " 1").output();
        assertThat(started).contains("sim-stem follows", "defocus");
        Await.until("every replayed quantity reaches its last sample", () -> Shell.run(shell, "cnd:replay status")
                .output().matches("(?s).*; (\\d+) of \\1 quantities have reached their last sample.*"),
                () -> Shell.run(shell, "cnd:replay status").output());
        double now = ((Number) sim.read(List.of(PropertyNames.DEFOCUS)).get(0).value()).doubleValue();
        assertThat(now).as("the twin holds the recording's last value, without drifting").isEqualTo(lastRecorded);

        Shell.Result comparison = Shell.run(shell, "cnd:replay compare");
        assertThat(comparison.failure()).isNull();
        String compared = comparison.output();
        Matcher agree = AGREE.matcher(compared);
        assertThat(agree.find()).as(compared).isTrue();
        int agreeing = Integer.parseInt(agree.group(1));
        int total = Integer.parseInt(agree.group(2));
        assertThat(total).as(compared).isPositive();
        // a sample taken just as the recording steps may read either side of the step
        assertThat(agreeing).as(compared).isGreaterThanOrEqualTo((int) Math.ceil(total * 0.7));

        assertThat(Shell.run(shell, "cnd:replay stop").output()).contains("follows no recording");
        assertThat(Shell.run(shell, "cnd:replay start sim-stem -10 -20").failure()).hasMessageContaining("is not after");
        assertThat(Shell.run(shell, "cnd:replay start no-such-instrument -10 -1").failure())
                .hasMessageContaining("nothing recorded of 'no-such-instrument'");
        assertThat(Shell.run(shell, "cnd:replay start sim-stem yesterday -1").failure())
                .hasMessageContaining("'yesterday' is neither an ISO instant nor -SECONDS");
    }
}
