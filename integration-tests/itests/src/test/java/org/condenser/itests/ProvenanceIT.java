package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A streamed series' EMD file carries its provenance: h5py finds the PROV-JSON in the file, the
 * W3C PROV library (Debian's python3-prov) reads it as a PROV document, and it names the dataset,
 * the stream activity with its times, the instrument with its state and drift, and the software
 * with its bundles. {@code cnd:provenance} prints the same record.
 */
@ExtendWith(ServiceExtension.class)
class ProvenanceIT {

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
}
