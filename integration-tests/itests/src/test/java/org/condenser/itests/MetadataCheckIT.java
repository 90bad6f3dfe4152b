package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFiles;
import org.condenser.api.flow.FlowStep;
import org.condenser.api.provenance.StateHistory;
import org.condenser.testing.RecordingStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The metadata check: a file that claims a high tension the recorder never saw raises an alert
 * naming both values (which the recorder then keeps beside the state); a value that agrees passes;
 * with onMismatch quarantine the run stops with the reason.
 */
@ExtendWith(ServiceExtension.class)
class MetadataCheckIT {

    @InjectService(filter = "(condenser.flow.step=check-metadata)", timeout = 20_000)
    FlowStep check;

    @InjectService(timeout = 20_000)
    EmdFiles emd;

    @InjectService(timeout = 20_000)
    StateHistory history;

    private static RecordingStepContext step(Map<String, Object> parameters, Map<String, Object> inputs) {
        return new RecordingStepContext("metadata-it-1", parameters, inputs, Path.of(System.getProperty("java.io.tmpdir")));
    }

    @Test
    void aFileThatDisagreesWithTheRecordedStateRaisesAnAlertNamingBothValues() throws Exception {
        Instant start = Instant.now();
        Await.until("the recorder has the instrument's state",
                () -> history.stateAt("sim-stem", Instant.now()).containsKey("field_of_view"));
        Object fieldOfView = history.stateAt("sim-stem", Instant.now()).get("field_of_view").value();
        Path file = Files.createTempDirectory("metadata-it").resolve("vendor.emd");
        emd.write(file, new EmdContent(List.of(DataArray.ofFloats("haadf", new float[4], "counts",
                List.of(new Axis("y", "px", 0, 1, 2), new Axis("x", "px", 0, 1, 2)), Map.of())),
                Map.of("microscope", Map.of("high_tension", 300_000.0, "field_of_view", fieldOfView))),
                EmdDialect.EMD_0_2);

        RecordingStepContext run = step(Map.of("instrument", "sim-stem"), Map.of("file", file.toString()));
        check.execute(run);
        Map<?, ?> result = (Map<?, ?>) run.outputs().get("metadataCheck");
        // the simulated high tension drifts a little around 60 kV
        assertThat((List<?>) result.get("mismatches")).singleElement().asString().matches(
                "high_tension is 300000.0 V in the file but (59|60)\\d{3}\\S* V in the recorded state of sim-stem at .*");
        assertThat(result.get("compared").toString()).contains("property=field_of_view", "agrees=true");
        Await.until("the alert is in the record", () -> history.events(start, Instant.now()).stream()
                .anyMatch(e -> e.kind().equals("alert") && e.message().contains("metadata mismatch in vendor.emd")
                        && e.message().contains("300000.0")), () -> history.events(start, Instant.now()).toString());

        assertThatThrownBy(() -> check.execute(step(Map.of("instrument", "sim-stem", "onMismatch", "quarantine"),
                Map.of("file", file.toString())))).hasMessageContaining("metadata mismatch in vendor.emd: high_tension");
        assertThatThrownBy(() -> check.execute(step(Map.of(), Map.of("file", file.toString()))))
                .hasMessageContaining("needs the parameter 'instrument'");
        assertThatThrownBy(() -> check.execute(step(Map.of("instrument", "sim-stem", "onMismatch", "ignore"),
                Map.of("file", file.toString())))).hasMessageContaining("'ignore' is not one of alert, quarantine");
    }
}
