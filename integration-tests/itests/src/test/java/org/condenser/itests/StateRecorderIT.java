package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.provenance.RecordedEvent;
import org.condenser.api.provenance.StateHistory;
import org.condenser.api.provenance.StateSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The state recorder: what the instrument did is in the record, by time, with the commands that
 * made it so and the envelope's refusals beside the values.
 */
@ExtendWith(ServiceExtension.class)
class StateRecorderIT {

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    @InjectService(timeout = 20_000)
    StateHistory history;

    @InjectService(filter = "(condenser.instrument.id=sim-stem)", timeout = 20_000)
    Instrument sim;

    @Test
    void theRecordHoldsTheValuesTheCommandsAndTheRefusals() throws Exception {
        Instant start = Instant.now();
        assertThat(sim.write(Map.of(PropertyNames.DEFOCUS, 1.5e-8)).get(0).status()).isEqualTo(RecordStatus.OK);
        assertThat(sim.write(Map.of(PropertyNames.HIGH_TENSION, 80_000.0)).get(0).status())
                .isEqualTo(RecordStatus.REFUSED);
        // the simulated column drifts a little around what was written
        Await.until("the new defocus is in the record", () -> history.samples("sim-stem", PropertyNames.DEFOCUS, start,
                Instant.now()).stream().anyMatch(s -> Math.abs(((Number) s.value()).doubleValue() - 1.5e-8) < 1e-9),
                () -> history.samples("sim-stem", PropertyNames.DEFOCUS, start, Instant.now()).toString());
        Await.until("the commands and the refusal are in the record", () -> {
            List<RecordedEvent> events = history.events(start, Instant.now());
            return events.stream().anyMatch(e -> e.kind().equals("command") && e.message().contains("defocus = 1.5E-8: OK"))
                    && events.stream().anyMatch(e -> e.kind().equals("command")
                            && e.message().contains("high_tension = 80000.0: REFUSED"))
                    && events.stream().anyMatch(e -> e.kind().equals("alert")
                            && e.message().contains("forbidden high_tension"));
        }, () -> history.events(start, Instant.now()).toString());

        Map<String, StateSample> now = history.stateAt("sim-stem", Instant.now());
        assertThat(now).containsKeys(PropertyNames.DEFOCUS, PropertyNames.HIGH_TENSION, "beam_current");
        assertThat(now.get(PropertyNames.HIGH_TENSION).unit()).isEqualTo("V");
        assertThat(((Number) now.get(PropertyNames.HIGH_TENSION).value()).doubleValue()).isCloseTo(60_000,
                org.assertj.core.data.Offset.offset(100.0));
        assertThat(history.samples("sim-stem", null, start.minusSeconds(3600), start.minusSeconds(3599)))
                .as("nothing from before the session").isEmpty();

        String shown = Shell.run(shell, "cnd:history sim-stem 60").output();
        assertThat(shown).contains("recorder: ", "segments", "0 events dropped", "defocus: ",
                "command: write defocus = 1.5E-8: OK");
    }
}
