package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Estimate;
import org.condenser.api.experiment.ExperimentProgress;
import org.condenser.api.experiment.ExperimentState;
import org.condenser.api.experiment.Experiments;
import org.condenser.api.experiment.Measurement;
import org.condenser.api.experiment.Policy;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * An automated experiment on the simulated STEM, from the shell: a survey, a Gaussian-process policy
 * choosing where to take each spectrum, progress over MQTT through a real Mosquitto (checked against
 * the published schema), and results h5py reads — survey, spectra, positions, values, the model's map
 * and uncertainty, every step with the instrument's state, and a PROV record naming the policy. A
 * policy that proposes points outside the field gets them refused and its experiment ended with the
 * reason; a running experiment stops on request; bad commands say what is wrong.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ExperimentIT {

    private static final String BASE = "condenser/exp-node/";
    private static final Pattern ID = Pattern.compile("(exp-\\d{8}-\\d{6}-\\d+)");

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    @InjectService(timeout = 20_000)
    ConfigurationAdmin configurations;

    @InjectService(timeout = 20_000)
    Experiments experiments;

    private final List<String[]> received = new CopyOnWriteArrayList<>();

    private String started(Shell.Result result) {
        assertThat(result.failure()).as(result.output()).isNull();
        Matcher id = ID.matcher(result.output());
        assertThat(id.find()).as(result.output()).isTrue();
        return id.group(1);
    }

    private ExperimentProgress ended(String id) throws InterruptedException {
        Await.until(id + " ends and writes its results", Duration.ofSeconds(90), () -> experiments.progress(id)
                .map(p -> p.state().ended()).orElse(false), () -> String.valueOf(experiments.progress(id)));
        return experiments.progress(id).orElseThrow();
    }

    @Test
    void aGaussianProcessExperimentOnTheTwinPublishesItsProgressAndSavesItsResults() throws Exception {
        Path folder = Files.createTempDirectory("experiment-it");
        try (Mosquitto broker = new Mosquitto(folder)) {
            broker.start();
            MqttClient client = new MqttClient(broker.url(), "it-experiment-listener", new MemoryPersistence());
            client.connect(new MqttConnectOptions());
            client.subscribe(new String[] { BASE + "experiments/#", BASE + "status" }, new int[] { 1, 1 },
                    new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] { this::arrived, this::arrived });
            Configuration config = configurations.getFactoryConfiguration("org.condenser.telemetry.mqtt", "exp", "?");
            Hashtable<String, Object> settings = new Hashtable<>();
            settings.put("url", broker.url());
            settings.put("node", "exp-node");
            config.update(settings);
            String id;
            try {
                // the telemetry publisher connects before the experiment starts, so nothing is lost to a cold start
                Await.until("telemetry connects", () -> received.stream().anyMatch(m -> m[0].equals(BASE + "status")),
                        () -> received.toString());
                id = started(Shell.run(shell, "cnd:experiment start --instrument sim-stem --policy gp-ucb --budget 25"
                        + " --size 32 --fov 24e-9 --patch 7 --exposure 0.005 --seed 3"));
                ExperimentProgress done = ended(id);
                assertThat(done.state()).as(done.toString()).isEqualTo(ExperimentState.FINISHED);
                assertThat(done.message()).contains("budget of 25");
                assertThat(done.measured()).isEqualTo(25);
                assertThat(done.file()).endsWith(id + ".emd");
                assertThat(Double.isFinite(done.uncertainty())).isTrue();
                Await.until("the last progress message arrives over MQTT", () -> received.stream().anyMatch(m -> m[0]
                        .equals(BASE + "experiments/" + id) && m[1].contains("\"state\":\"FINISHED\"")
                        && m[1].contains(".emd")), () -> received.toString());
            } finally {
                config.delete();
            }
            assertThat(received.stream().filter(m -> m[1].contains("\"state\":\"RUNNING\"")).count())
                    .as("progress while measuring").isGreaterThan(0);
            assertThat(schemaCheck(folder)).startsWith("checked ");
            client.disconnect();
            client.close();

            Shell.Result status = Shell.run(shell, "cnd:experiment status " + id);
            assertThat(status.output()).contains(id + " finished: gp-ucb on sim-stem, 25/25 measured", "results: ");

            String file = experiments.progress(id).orElseThrow().file();
            String verdict = Python.run("""
                    import sys, json, h5py
                    from prov.model import ProvDocument
                    with h5py.File(sys.argv[1], 'r') as f:
                        groups = {}
                        def visit(name, item):
                            if isinstance(item, h5py.Dataset) and name.endswith('/data'):
                                groups[name.split('/')[-2]] = item.shape
                        f.visititems(visit)
                        attrs = {}
                        def meta(name, item):
                            for k, v in item.attrs.items():
                                attrs[k] = v.decode() if isinstance(v, bytes) else v
                        f.visititems(meta)
                    steps = json.loads(attrs['steps'])
                    measured = [s for s in steps if s['outcome'] == 'measured']
                    text = attrs['prov_json']
                    text = text.decode() if isinstance(text, bytes) else str(text)
                    doc = ProvDocument.deserialize(content=text, format='json')
                    ids = sorted(str(r.identifier) for r in doc.get_records() if r.identifier is not None)
                    print('survey', groups.get('survey'), 'spectra', groups.get('spectra'), 'positions',
                          groups.get('positions'), 'values', groups.get('values'), 'estimate', groups.get('estimate'),
                          'uncertainty', groups.get('uncertainty'))
                    print('measured', len(measured), 'state', 'high_tension_V' in json.dumps(measured[0]['state'])
                          or 'high_tension' in json.dumps(measured[0]['state']), 'policy', attrs['policy'])
                    print('agents', [i for i in ids if i.startswith('cnd:policy/') or i.startswith('cnd:instrument/')])
                    """, file);
            // EMD 0.2 as HyperSpy writes it: axes reversed on disk, so HyperSpy shows (measurement, energy)
            assertThat(verdict).contains("survey (32, 32)", "spectra (1024, 25)", "positions (2, 25)", "values (25,)",
                    "estimate (32, 32)", "uncertainty (32, 32)");
            assertThat(verdict).contains("measured 25 state True policy gp-ucb");
            assertThat(verdict).contains("cnd:policy/gp-ucb", "cnd:instrument/sim-stem");
        }
    }

    private void arrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
        received.add(new String[] { topic, new String(message.getPayload(), StandardCharsets.UTF_8) });
    }

    /** Every experiment message, validated by Python's jsonschema against the published schema. */
    private String schemaCheck(Path folder) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (String[] message : received) {
            if (!message[0].contains("/experiments/")) {
                continue;
            }
            lines.append(message[0]).append('\t').append(message[1]).append('\n');
        }
        Path messages = Files.writeString(folder.resolve("messages.tsv"), lines);
        return Python.run("""
                import json, sys, jsonschema
                schema = json.load(open(sys.argv[1]))
                n = 0
                for line in open(sys.argv[2]):
                    topic, payload = line.rstrip('\\n').split('\\t', 1)
                    jsonschema.validate(json.loads(payload), {**schema['$defs']['experiment'], '$defs': schema['$defs']})
                    n += 1
                print('checked', n)
                """, Path.of(context.getProperty("condenser.itest.schemas"), "telemetry.schema.json").toString(),
                messages.toString()).strip();
    }

    /** A policy that only ever proposes points outside the scan field. */
    private static final class Rogue implements Policy {
        @Override
        public Session open(Candidates candidates, long seed) {
            return new Session() {
                private double y = 1.25;

                @Override
                public Optional<double[]> next() {
                    y += 0.25;
                    return Optional.of(new double[] { y, 0.5 });
                }

                @Override
                public void observe(Measurement measurement) {
                }

                @Override
                public void exclude(double[] position, String reason) {
                }

                @Override
                public Optional<Estimate> estimate() {
                    return Optional.empty();
                }
            };
        }
    }

    @Test
    void aPolicyProposingPointsOutsideTheFieldIsRefusedAndItsExperimentEndsWithTheReason() throws Exception {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Policy.NAME, "rogue");
        ServiceRegistration<Policy> rogue = context.registerService(Policy.class, new Rogue(), properties);
        try {
            Await.until("the rogue policy is known", () -> Shell.run(shell, "cnd:experiment policies").output()
                    .contains("rogue"), () -> Shell.run(shell, "cnd:experiment policies").output());
            String id = started(Shell.run(shell, "cnd:experiment start --instrument sim-stem --policy rogue --size 16"));
            ExperimentProgress done = ended(id);
            assertThat(done.state()).isEqualTo(ExperimentState.FAILED);
            assertThat(done.message()).contains("proposed 10 refused points in a row",
                    "lies outside the scan field; each coordinate must be within 0..1");
            assertThat(done.refused()).isEqualTo(10);
            assertThat(done.measured()).isZero();
            // what it refused is in the results, step by step
            assertThat(done.file()).endsWith(".emd");
            String steps = Python.run("""
                    import sys, json, h5py
                    with h5py.File(sys.argv[1], 'r') as f:
                        found = {}
                        f.visititems(lambda name, item: found.update(
                            {k: v.decode() if isinstance(v, bytes) else v for k, v in item.attrs.items()}))
                    steps = json.loads(found['steps'])
                    print(len(steps), sorted(set(s['outcome'] for s in steps)), found['state'])
                    """, done.file());
            assertThat(steps.strip()).isEqualTo("10 ['refused'] FAILED");
        } finally {
            rogue.unregister();
        }
    }

    @Test
    void aRunningExperimentStopsOnRequestAndBadCommandsSayWhatIsWrong() throws Exception {
        String id = started(Shell.run(shell, "cnd:experiment start --instrument sim-stem --policy grid --budget 100000"
                + " --size 64 --exposure 0.001"));
        Await.until("it measures", () -> experiments.progress(id).map(p -> p.measured() > 3).orElse(false),
                () -> String.valueOf(experiments.progress(id)));
        // one experiment per instrument at a time
        assertThat(Shell.run(shell, "cnd:experiment start --instrument sim-stem --policy random").failure())
                .hasMessageContaining("sim-stem already runs experiment " + id);
        assertThat(Shell.run(shell, "cnd:experiment stop " + id).output()).contains("stopping: " + id);
        ExperimentProgress done = ended(id);
        assertThat(done.state()).isEqualTo(ExperimentState.STOPPED);
        assertThat(done.message()).contains("stopped on request");
        assertThat(done.file()).endsWith(".emd");
        assertThat(Files.exists(Path.of(done.file()))).isTrue();

        assertThat(Shell.run(shell, "cnd:experiment start --instrument sim-stem --policy nope").failure())
                .hasMessageContaining("no policy 'nope'; there are [gp-ei, gp-ucb, grid, random]");
        assertThat(Shell.run(shell, "cnd:experiment start --instrument sim-stem --scalar fft:3").failure())
                .hasMessageContaining("scalarizer 'fft:3' is not a spectrum scalar");
        assertThat(Shell.run(shell, "cnd:experiment start --instrument sim-stem --scalar ratio:25:10:-3:3").failure())
                .hasMessageContaining("a window must run from low to high");
        assertThat(Shell.run(shell, "cnd:experiment start --instrument sim-stem --budget 0").failure())
                .hasMessageContaining("budget 0 must be 1 or more");
        assertThat(Shell.run(shell, "cnd:experiment start --instrument tem-9").failure())
                .hasMessageContaining("no instrument 'tem-9'");
        assertThat(Shell.run(shell, "cnd:experiment start --instrument sim-stem --budget many").failure())
                .hasMessageContaining("--budget: 'many' is not a number");
        assertThat(Shell.run(shell, "cnd:experiment stop exp-none").failure()).hasMessageContaining("no experiment 'exp-none'");
    }
}
