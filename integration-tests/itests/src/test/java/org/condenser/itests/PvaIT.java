package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.BlockingQueue;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.RecordStatus;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.PVStructureArray;
import org.epics.pvdata.pv.PVUnion;
import org.epics.pvdata.pv.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The pvAccess server, read and written by the independent EPICS client library on loopback:
 * NTScalars with units, limits, alarms and time stamps; monitors that follow the instrument; puts
 * that pass the safety envelope or come back with its reason; pipeline figures and the latest
 * virtual image as an NTNDArray.
 */
@ExtendWith(ServiceExtension.class)
class PvaIT {

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    @InjectService(filter = "(condenser.instrument.id=sim-stem)", timeout = 20_000)
    Instrument sim;

    private String pvs() {
        return Shell.run(shell, "cnd:pva").output();
    }

    @Test
    void instrumentsPipelinesAndImagesAreServedToEpicsClients() throws Exception {
        PropertyDescriptor defocus = sim.properties().stream().filter(d -> d.name().equals(PropertyNames.DEFOCUS))
                .findFirst().orElseThrow();
        Await.until("the properties are served", () -> pvs().contains("CND:sim-stem:defocus"), this::pvs);
        try (PvaClient client = new PvaClient()) {
            PVStructure value = client.get("CND:sim-stem:defocus");
            assertThat(value.getStructure().getID()).isEqualTo("epics:nt/NTScalar:1.0");
            assertThat(value.getStringField("display.units").get()).isEqualTo("m");
            assertThat(value.getDoubleField("display.limitLow").get()).isEqualTo(defocus.minimum());
            assertThat(value.getDoubleField("display.limitHigh").get()).isEqualTo(defocus.maximum());
            assertThat(value.getDoubleField("valueAlarm.highAlarmLimit").get()).isEqualTo(defocus.maximum());
            assertThat(value.getIntField("alarm.severity").get()).as("in range, read fine").isZero();
            assertThat(value.getLongField("timeStamp.secondsPastEpoch").get())
                    .isGreaterThan(System.currentTimeMillis() / 1000 - 120);

            // a monitor follows the instrument
            BlockingQueue<String> updates = PvaClient.queue();
            try (AutoCloseable monitor = client.monitor("CND:sim-stem:defocus", updates)) {
                assertThat(sim.write(Map.of(PropertyNames.DEFOCUS, 4e-8)).get(0).status()).isEqualTo(RecordStatus.OK);
                // the simulated column drifts a little around what was written
                Await.until("the monitor sees the written value", () -> updates.stream()
                        .map(u -> Double.parseDouble(u.substring(u.lastIndexOf(' ') + 1)))
                        .anyMatch(v -> Math.abs(v - 4e-8) < 1e-9), updates::toString);
            }

            // a put is a write through the guard and the envelope
            Status put = client.put("CND:sim-stem:defocus", "5e-8");
            assertThat(put.isSuccess()).as(put.getMessage()).isTrue();
            assertThat(client.get("CND:sim-stem:defocus").getDoubleField("value").get()).isCloseTo(5e-8,
                    org.assertj.core.data.Offset.offset(1e-9));
            Status refused = client.put("CND:sim-stem:high_tension", "80000");
            assertThat(refused.isSuccess()).isFalse();
            // core-pva answers a failed put with "Write failed" only: the reason is in putStatus
            assertThat(client.get("CND:sim-stem:putStatus").getStringField("value").get()).contains(
                    "high_tension = 80000.0 refused: REFUSED", "forbidden high_tension");
            assertThat(sim.read(java.util.List.of(PropertyNames.HIGH_TENSION)).get(0).value())
                    .as("the instrument kept its high tension").isNotEqualTo(80000.0);
            Status outOfRange = client.put("CND:sim-stem:defocus", Double.toString(defocus.maximum() * 2));
            assertThat(outOfRange.isSuccess()).as("a put beyond the property's range").isFalse();
            assertThat(client.get("CND:sim-stem:putStatus").getStringField("value").get()).contains(
                    "defocus = " + defocus.maximum() * 2 + " refused: OUT_OF_RANGE");

            // a streamed series: its pipeline's figures while it streams, then its virtual image
            Shell.Result streaming = Shell.run(shell, "cnd:stream start arina adf");
            assertThat(streaming.failure()).isNull();
            Await.until("the pipeline's figures are served", () -> pvs().contains("CND:arina:frames"), this::pvs);
            Await.untilAnswered("they count the series' frames",
                    () -> client.get("CND:arina:frames").getLongField("value").get() == 4096,
                    () -> Shell.run(shell, "cnd:pipelines").output());
            assertThat(client.get("CND:arina:dropped").getLongField("value").get()).isZero();
            assertThat(Shell.run(shell, "cnd:stream stop arina").output()).contains("stopped arina");
            Await.until("the image is served", () -> pvs().contains("CND:arina:image"), this::pvs);
            Await.untilAnswered("a stopped stream's rate falls to zero",
                    () -> client.get("CND:arina:framesPerSecond").getDoubleField("value").get() == 0, this::pvs);
            PVStructure image = client.get("CND:arina:image");
            assertThat(image.getStructure().getID()).isEqualTo("epics:nt/NTNDArray:1.0");
            PVStructureArray dimensions = image.getSubField(PVStructureArray.class, "dimension");
            assertThat(dimensions.getLength()).isEqualTo(2);
            org.epics.pvdata.pv.StructureArrayData sizes = new org.epics.pvdata.pv.StructureArrayData();
            dimensions.get(0, 2, sizes);
            int width = sizes.data[0].getIntField("size").get(); // NTNDArray: the fastest-varying dimension first
            int height = sizes.data[1].getIntField("size").get();
            PVUnion union = image.getUnionField("value");
            assertThat(union.getSelectedFieldName()).endsWith("Value");
            assertThat(((org.epics.pvdata.pv.PVScalarArray) union.get()).getLength()).isEqualTo(width * height);
            assertThat(Shell.run(shell, "cnd:stream").output()).contains(height + "x" + width);
        }
    }
}
