package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.api.instrument.Spectrometer;
import org.condenser.api.instrument.Stage;
import org.condenser.api.instrument.StagePosition;
import org.condenser.api.instrument.WriteResult;
import org.condenser.api.telemetry.Alert;
import org.condenser.driver.sim.GroundTruth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The control plane as its users meet it: the simulated STEM behind the runtime's guard, its safety
 * envelope from conf/ (runtime/conf/org.condenser.envelope-sim.cfg), and the shell commands whose
 * files numpy opens.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ControlPlaneIT {

    private static final String SIM = "(condenser.instrument.id=sim-stem)";

    @InjectBundleContext
    BundleContext context;

    @InjectService(filter = SIM, timeout = 20_000)
    Instrument sim;

    @InjectService(timeout = 20_000)
    GroundTruth truth;

    @InjectService
    CommandProcessor shell;

    @InjectService
    ConfigurationAdmin configurations;

    private final BlockingQueue<Alert> alerts = new LinkedBlockingQueue<>();
    private ServiceRegistration<EventHandler> alertListener;

    @BeforeEach
    void listenForAlerts() throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, Alert.TOPIC_PREFIX + "*");
        alertListener = context.registerService(EventHandler.class,
                event -> alerts.add((Alert) event.getProperty(Alert.EVENT_PROPERTY)), properties);
        Await.until("the simulated STEM is online", () -> sim.status().isOnline(), () -> sim.status().toString());
        // Start each test from a known defocus, within a step of anything a test sets.
        assertThat(sim.write(Map.of(PropertyNames.DEFOCUS, 0.0)).get(0).status()).isIn(RecordStatus.OK,
                RecordStatus.REFUSED);
    }

    @AfterEach
    void stopListening() {
        alertListener.unregister();
    }

    @Test
    void aBatchAnswersEachPropertyAndTheEnvelopeFromConfNamesItsRule() throws Exception {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put(PropertyNames.DEFOCUS, 1e-7);
        batch.put(PropertyNames.HIGH_TENSION, 80_000.0);
        batch.put("sim:C12.x", 2e-9);
        batch.put(PropertyNames.STAGE_X, 9e-7);
        List<WriteResult> results = sim.write(batch);
        assertThat(results).extracting(WriteResult::status).containsExactly(RecordStatus.OK, RecordStatus.REFUSED,
                RecordStatus.OK, RecordStatus.OUT_OF_RANGE);
        assertThat(results.get(1).message()).isEqualTo("sim-stem: high_tension = 80000 refused by the safety envelope, "
                + "rule 'forbidden high_tension': high_tension may not be written remotely");
        assertThat(results.get(3).message()).contains("stage_x = 9.0e-7 m is outside the instrument's range");

        Alert alert = alerts.poll(10, TimeUnit.SECONDS);
        assertThat(alert).as("the refusal is published as an alert").isNotNull();
        assertThat(alert.source()).isEqualTo("instrument/sim-stem");
        assertThat(alert.message()).isEqualTo(results.get(1).message());

        WriteResult jump = sim.write(Map.of("sim:C10", 4e-7)).get(0);
        assertThat(jump.status()).isEqualTo(RecordStatus.REFUSED);
        assertThat(jump.message()).as("a native alias is held to defocus's rules")
                .contains("rule 'maxStep defocus 2.0e-7'");
        assertThat((Double) sim.read(List.of(PropertyNames.DEFOCUS)).get(0).value()).isCloseTo(1e-7,
                org.assertj.core.api.Assertions.within(5e-9));
    }

    @Test
    void capabilitiesAreGuardedToo() throws Exception {
        ScanController scan = sim.capability(ScanController.class).orElseThrow();
        InstrumentException refused = org.junit.jupiter.api.Assertions.assertThrows(InstrumentException.class,
                () -> sim.capability(Stage.class).orElseThrow().moveTo(new StagePosition(0, 0, 0, 0.45, 0)));
        assertThat(refused.status()).isEqualTo(RecordStatus.REFUSED);
        assertThat(refused.getMessage()).contains("stage_alpha = 0.45", "rule 'limits stage_alpha -0.35..0.35'");

        List<DataArray> images = scan.record(new ScanParameters(64, 64, 4e-9, 2e-6, 0),
                List.of(ScanChannel.HAADF, ScanChannel.MAADF));
        assertThat(images).extracting(DataArray::name).containsExactly("HAADF", "MAADF");
        assertThat(images.get(0).axes().get(1).unit()).isEqualTo("m");
        assertThat(images.get(0).axes().get(1).step()).isEqualTo(4e-9 / 64);

        scan.moveProbe(new ProbePosition(0.5, 0.25));
        DataArray spectrum = sim.capability(Spectrometer.class).orElseThrow().spectrum(0.01);
        assertThat(spectrum.shape()).containsExactly(1024);
        assertThat(spectrum.axes().get(0).unit()).isEqualTo("eV");
        assertThat(truth.instrumentId()).isEqualTo("sim-stem");
    }

    @Test
    void theShellReadsSetsProbesAndAcquiresFilesNumpyOpens() throws Exception {
        assertThat(run("cnd:instruments")).contains("sim-stem", "Condenser simulated STEM", "ONLINE",
                "scan, camera ronchigram, spectrometer, stage");
        assertThat(run("cnd:set sim-stem defocus 5e-8")).contains("defocus", "set to 5.0e-8");
        assertThat(run("cnd:get sim-stem defocus high_tension")).containsPattern("defocus\\s+[\\d.]+e-8 m")
                .containsPattern("high_tension\\s+\\d+\\.?\\d* V");

        Shell.Result unknown = Shell.run(shell, "cnd:set sim-stem focus 1");
        assertThat(unknown.failure()).hasMessageContaining("sim-stem has no property focus; it has high_tension");
        Shell.Result notANumber = Shell.run(shell, "cnd:set sim-stem defocus near");
        assertThat(notANumber.failure()).hasMessage("defocus: 'near' is not a double in m");
        Shell.Result tooFar = Shell.run(shell, "cnd:set sim-stem defocus 5e-6");
        assertThat(tooFar.output()).contains("OUT_OF_RANGE", "outside the instrument's range -2.0e-6..2.0e-6 m");
        assertThat(tooFar.failure()).hasMessage("1 of 1 values were not written");
        assertThat(Shell.run(shell, "cnd:get nowhere").failure()).hasMessage("no instrument 'nowhere'; there are sim-stem");

        assertThat(run("cnd:probe sim-stem 0.25 0.75")).isEqualTo("parked at y=0.25 x=0.75\n");
        assertThat(Shell.run(shell, "cnd:probe sim-stem 1.5 0").failure()).hasMessageContaining("outside the scan field");

        Path haadf = written(run("cnd:acquire -s 48 -f 3e-9 sim-stem haadf"));
        assertThat(numpy(haadf)).isEqualTo("(48, 48) float32 m y x counts");
        Path spectrum = written(run("cnd:acquire -e 0.02 sim-stem spectrum"));
        assertThat(numpy(spectrum)).isEqualTo("(1024,) float32 eV energy loss counts");
        Path fourD = written(run("cnd:acquire -s 6 -e 0.001 sim-stem 4dstem"));
        assertThat(numpy(fourD)).isEqualTo("(6, 6, 64, 64) uint16 px scan y ky counts");
        assertThat(Shell.run(shell, "cnd:acquire -s 8 -o /proc/no-such-folder/x sim-stem haadf").failure())
                .hasMessageStartingWith("acquired, but could not write it: ").hasMessageContaining("/proc/no-such-folder");
        assertThat(Shell.run(shell, "cnd:acquire sim-stem tomogram").failure())
                .hasMessage("cnd:acquire knows haadf, maadf, spectrum and 4dstem, not 'tomogram'");
    }

    @Test
    void aBrokenEnvelopeConfigurationRefusesEveryWriteUntilFixed() throws Exception {
        Configuration broken = configurations.getFactoryConfiguration("org.condenser.envelope", "itest-broken", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("instrument", "sim-stem");
        properties.put("limits", "defocus between -1 and 1");
        broken.update(properties);
        try {
            Await.until("the broken envelope applies",
                    () -> sim.write(Map.of(PropertyNames.DEFOCUS, 0.0)).get(0).status() == RecordStatus.REFUSED);
            assertThat(sim.write(Map.of(PropertyNames.DEFOCUS, 0.0)).get(0).message())
                    .contains("more than one envelope configuration names sim-stem");
        } finally {
            broken.delete();
        }
        Await.until("one envelope again", () -> sim.write(Map.of(PropertyNames.DEFOCUS, 0.0)).get(0).isOk());

        Configuration only = configurations.getFactoryConfiguration("org.condenser.envelope", "sim", "?");
        Hashtable<String, Object> good = copy(only.getProperties());
        Hashtable<String, Object> bad = copy(only.getProperties());
        bad.put("maxStep", "defocus fast");
        only.update(bad);
        try {
            Await.until("the unreadable envelope applies", () -> sim.write(Map.of(PropertyNames.DEFOCUS, 0.0)).get(0)
                    .message().contains("maxStep: 'defocus fast' has 'fast', not a finite number"));
        } finally {
            only.update(good);
        }
        Await.until("the envelope is readable again", () -> sim.write(Map.of(PropertyNames.DEFOCUS, 0.0)).get(0).isOk());
    }

    private static Hashtable<String, Object> copy(java.util.Dictionary<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (java.util.Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            copy.put(key, properties.get(key));
        }
        return copy;
    }

    private String run(String command) {
        Shell.Result result = Shell.run(shell, command);
        assertThat(result.failure()).as(command + " printed:\n" + result.output()).isNull();
        return result.output();
    }

    private static Path written(String output) {
        Matcher matcher = Pattern.compile("-> (.+\\.npy)").matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        Path npy = Path.of(matcher.group(1).trim());
        assertThat(npy).exists();
        assertThat(Path.of(npy.toString().replace(".npy", ".json"))).exists();
        return npy;
    }

    /** Shape, dtype, the first axis's unit and name, the second axis's name and the values' unit, as numpy and json read them. */
    private static String numpy(Path npy) throws Exception {
        return Python.run("""
                import sys, json, numpy
                a = numpy.load(sys.argv[1])
                d = json.load(open(sys.argv[1][:-4] + '.json'))
                assert list(a.shape) == d['shape'], (a.shape, d['shape'])
                assert numpy.isfinite(a).all() and a.sum() > 0
                axes = d['axes']
                last = axes[1]['name'] if len(axes) > 1 else ''
                if len(axes) == 4: last = axes[2]['name']
                print(a.shape, a.dtype, axes[-1]['unit'] if len(axes) != 2 else axes[0]['unit'], axes[0]['name'], last, d['unit'])
                """, npy.toString()).trim().replace("  ", " ");
    }
}
