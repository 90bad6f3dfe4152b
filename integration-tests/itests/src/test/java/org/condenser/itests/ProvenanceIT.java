package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A streamed series' EMD file carries its provenance: h5py finds the PROV-JSON in the file, the
 * W3C PROV library (Debian's python3-prov) reads it as a PROV document, and it names the dataset,
 * the stream activity with its times, the instrument with its state and drift, and the software
 * with its bundles. {@code cnd:provenance} prints the same record. What a flow writes carries its
 * lineage: an analysis result reaches back through the conversion and the verified move to the
 * detector's file and the instrument's state when it was written.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ProvenanceIT {

    @InjectBundleContext
    BundleContext context;

    private static final Pattern WRITTEN = Pattern.compile("\\n\\s+(\\S+\\.emd)");

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    @Test
    void aStreamedSeriesCarriesAProvRecordThatProvReadersTake() throws Exception {
        Shell.Result streamed = Shell.run(shell, "cnd:stream start arina adf --wait");
        assertThat(streamed.failure()).isNull();
        Matcher written = WRITTEN.matcher(streamed.output());
        assertThat(written.find()).as(streamed.output()).isTrue();
        String file = written.group(1);

        Shell.Result shown = Shell.run(shell, "cnd:provenance " + file);
        assertThat(shown.failure()).isNull();
        assertThat(shown.output()).contains("\"wasGeneratedBy\"", "cnd:instrument/sim-stem", "cnd:runtime");

        String verdict = Python.run("""
                import sys, json, h5py
                from prov.model import ProvDocument
                found = []
                def visit(name, item):
                    if 'prov_json' in item.attrs:
                        found.append(item.attrs['prov_json'])
                with h5py.File(sys.argv[1], 'r') as f:
                    if 'prov_json' in f.attrs:
                        found.append(f.attrs['prov_json'])
                    f.visititems(visit)
                text = found[0].decode() if isinstance(found[0], bytes) else str(found[0])
                doc = ProvDocument.deserialize(content=text, format='json')
                records = {str(r.identifier): r for r in doc.get_records() if r.identifier is not None}
                activity = [r for k, r in records.items() if k.startswith('cnd:stream/')][0]
                instrument = records['cnd:instrument/sim-stem']
                attrs = {str(k): str(v) for k, v in instrument.attributes}
                state = json.loads(attrs['cnd:stateAtStart'])
                drift = json.loads(attrs['cnd:drift'])
                runtime = {str(k): str(v) for k, v in records['cnd:runtime'].attributes}
                bundles = json.loads(runtime['cnd:bundles'])
                print('records', len(doc.get_records()), 'start', activity.get_startTime() is not None,
                      'end', activity.get_endTime() is not None, 'state', 'high_tension' in state,
                      'unit', state['high_tension']['unit'], 'drift', 'defocus' in drift,
                      'core', 'org.condenser.core' in bundles)
                """, file);
        assertThat(verdict.strip()).contains("start True end True state True unit V drift True core True");
        assertThat(Shell.run(shell, "cnd:provenance no-such.emd").failure()).hasMessageContaining("no file");

        // an acquisition from the shell: its description carries the record, with the person at the shell
        java.nio.file.Path base = java.nio.file.Files.createTempDirectory("acquire-prov").resolve("haadf");
        assertThat(Shell.run(shell, "cnd:acquire -s 16 -o " + base + " sim-stem haadf").failure()).isNull();
        String description = java.nio.file.Files.readString(base.resolveSibling("haadf.json"));
        assertThat(description).contains("\"provenance\"", "\"cnd:acquisition/haadf\"", "\"cnd:instrument/sim-stem\"",
                "\"prov:Person\"", "\"wasGeneratedBy\"");
        Shell.run(shell, "cnd:stream stop arina");
    }

    @Test
    void aFlowsResultsReachBackThroughConversionAndMoveToTheDetectorsFileAndTheInstrument() throws Exception {
        RuntimeFolders folders = new RuntimeFolders(context);
        Files.writeString(folders.conf.resolve("flows/it-lineage.json"), """
                {"name": "it-lineage", "trigger": {"type": "file", "watcher": "it-lineage", "pattern": "*.raw"},
                 "instruments": ["sim-stem"],
                 "steps": [{"type": "move", "parameters": {"to": "nas/it-lineage"}},
                           {"type": "write-emd", "parameters": {"shape": [4, 5, 6], "dtype": "float32",
                            "axes": [{"name": "y"}, {"name": "x"}, {"name": "energy loss", "unit": "eV"}]}},
                           {"type": "analyse", "parameters": {"analyses": ["sum"]}}]}
                """);
        Await.until("the flow is read", () -> Shell.run(shell, "cnd:flows").output().contains("it-lineage  trigger file"),
                () -> Shell.run(shell, "cnd:flows").output());
        Path incoming = Files.createDirectories(folders.home.resolve("incoming-it-lineage"));
        Files.writeString(folders.conf.resolve("org.condenser.watch-it-lineage.cfg"),
                "name = it-lineage\nfolder = incoming-it-lineage\npatterns = *.raw\nstableSeconds = 0.2\npollSeconds = 0.05\n");
        ByteBuffer counts = ByteBuffer.allocate(4 * 5 * 6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4 * 5 * 6; i++) {
            counts.putFloat(i % 6);
        }
        Path detector = incoming.resolve("si-lineage.raw");
        Files.write(detector, counts.array());

        Path results = folders.home.resolve("results");
        Await.until("the sum is written", () -> sumOf(results) != null,
                () -> Shell.run(shell, "cnd:flow history").output());
        Path sum = sumOf(results);
        Shell.Result shown = Shell.run(shell, "cnd:provenance " + sum);
        assertThat(shown.failure()).isNull();
        assertThat(shown.output()).contains("cnd:analysis/", "cnd:move/", "cnd:acquisition/");

        // python3-prov reads the record, and the chain from the sum back to the detector is there
        String verdict = Python.run("""
                import sys, json, h5py
                from prov.model import ProvDocument, ProvDerivation, ProvActivity
                with h5py.File(sys.argv[1], 'r') as f:
                    text = f['provenance'].attrs['prov_json']
                text = text.decode() if isinstance(text, bytes) else str(text)
                doc = ProvDocument.deserialize(content=text, format='json')
                source = {}
                for d in doc.get_records(ProvDerivation):
                    args = d.formal_attributes
                    source[str(args[0][1])] = (str(args[1][1]), str(args[2][1]).split('/')[0])
                entities = {str(r.identifier): {str(k): str(v) for k, v in r.attributes} for r in doc.get_records()
                            if r.identifier is not None}
                chain = []
                here = [k for k in source if k.endswith('-sum.emd')][0]
                while here in source:
                    here, activity = source[here]
                    chain.append(activity)
                label = entities[here]['prov:label']
                moved = [e for k, e in entities.items() if 'cnd:xxh64' in e]
                state = json.loads(entities['cnd:instrument/sim-stem']['cnd:stateAtStart'])
                acquisitions = [str(a.identifier) for a in doc.get_records(ProvActivity)
                                if str(a.identifier).startswith('cnd:acquisition/')]
                print('chain', ' '.join(chain), '| origin', label, '| xxh64', len(moved[0]['cnd:xxh64']),
                      '| ht', state['high_tension']['unit'], '| acquisitions', len(acquisitions),
                      '| bundles', len(doc.bundles))
                """, sum.toString());
        assertThat(verdict.strip()).isEqualTo("chain cnd:analysis cnd:write-emd cnd:move | origin " + detector
                + " | xxh64 16 | ht V | acquisitions 1 | bundles 1");
        Files.delete(folders.conf.resolve("flows/it-lineage.json"));
        Files.delete(folders.conf.resolve("org.condenser.watch-it-lineage.cfg"));
    }

    /** The sum the it-lineage flow wrote, once it is there. */
    private static Path sumOf(Path results) {
        try (java.util.stream.Stream<Path> files = Files.walk(results)) {
            return files.filter(f -> f.getFileName().toString().equals("si-lineage-sum.emd")).findFirst().orElse(null);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
