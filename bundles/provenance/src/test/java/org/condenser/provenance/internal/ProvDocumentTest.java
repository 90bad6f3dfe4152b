package org.condenser.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.condenser.api.provenance.DatasetActivity;
import org.condenser.api.provenance.RecordedEvent;
import org.condenser.api.provenance.StateHistory;
import org.condenser.api.provenance.StateSample;
import org.condenser.json.Json;
import org.junit.jupiter.api.Test;

class ProvDocumentTest {

    @Test
    void driftGivesEachPropertysFirstLastAndSpan() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        Map<String, Object> drift = ProvDocument.drift(List.of(
                new StateSample("sim", "defocus", 1.0e-8, "m", t),
                new StateSample("sim", "defocus", 1.3e-8, "m", t.plusSeconds(1)),
                new StateSample("sim", "defocus", 1.1e-8, "m", t.plusSeconds(2)),
                new StateSample("sim", "blanker", false, "", t)));
        Map<?, ?> defocus = (Map<?, ?>) drift.get("defocus");
        assertEquals(3, defocus.get("samples"));
        assertEquals("1.0E-8", defocus.get("first"));
        assertEquals("1.1E-8", defocus.get("last"));
        assertEquals(0.3e-8, (Double) defocus.get("span"), 1e-20);
        assertEquals("m", defocus.get("unit"));
        assertFalse(((Map<?, ?>) drift.get("blanker")).containsKey("span"), "no span for a value that is not a number");
    }

    @Test
    void namesBecomeQualifiedNameParts() {
        assertEquals("dectris-1-abc", ProvDocument.id("dectris-1-abc"));
        assertEquals("a_b_c.emd", ProvDocument.id("a/b c.emd"));
    }

    /** A history where the instrument was at 300 kV throughout. */
    private static final StateHistory HISTORY = new StateHistory() {
        @Override
        public List<StateSample> samples(String instrumentId, String property, Instant from, Instant to) {
            return List.of(new StateSample(instrumentId, "high_tension", 300_000.0, "V", from));
        }

        @Override
        public Map<String, StateSample> stateAt(String instrumentId, Instant time) {
            return Map.of("high_tension", new StateSample(instrumentId, "high_tension", 300_000.0, "V", time));
        }

        @Override
        public List<RecordedEvent> events(Instant from, Instant to) {
            return List.of();
        }
    };

    private static Map<?, ?> parse(ProvDocument doc) {
        return (Map<?, ?>) Json.parse(doc.text());
    }

    @Test
    void aResultsLineageReachesBackThroughItsMoveToTheAcquisitionWithTheInstrumentsState() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        ProvDocument doc = new ProvDocument(HISTORY, Map.of("prov:type", "prov:SoftwareAgent"));
        doc.describe(new DatasetActivity("/det/si.raw", "acquisition", t, t, List.of("sim-stem"), "", "", List.of()));
        doc.describe(new DatasetActivity("/nas/si.raw", "move", t.plusSeconds(1), t.plusSeconds(2), List.of(), "", "",
                List.of("/det/si.raw"), Map.of("xxh64", "00ff")));
        doc.describe(new DatasetActivity("/emd/si.emd", "write-emd", t.plusSeconds(3), t.plusSeconds(4), List.of(), "", "",
                List.of("/nas/si.raw")));
        Map<?, ?> prov = parse(doc);

        Map<?, ?> moved = (Map<?, ?>) ((Map<?, ?>) prov.get("entity")).get("cnd:dataset/_nas_si.raw");
        assertEquals("00ff", moved.get("cnd:xxh64"));
        Map<?, ?> instrument = (Map<?, ?>) ((Map<?, ?>) prov.get("entity")).get("cnd:instrument/sim-stem");
        assertTrue(String.valueOf(instrument.get("cnd:stateAtStart")).contains("300000"), instrument.toString());
        List<String> chain = ((Map<?, ?>) prov.get("wasDerivedFrom")).values().stream()
                .map(d -> ((Map<?, ?>) d).get("prov:generatedEntity") + " <- " + ((Map<?, ?>) d).get("prov:usedEntity")
                        + " by " + ((Map<?, ?>) d).get("prov:activity"))
                .toList();
        assertEquals(List.of("cnd:dataset/_nas_si.raw <- cnd:dataset/_det_si.raw by cnd:move/_nas_si.raw",
                "cnd:dataset/_emd_si.emd <- cnd:dataset/_nas_si.raw by cnd:write-emd/_emd_si.emd"), chain);
        assertEquals(3, ((Map<?, ?>) prov.get("wasGeneratedBy")).size());
        assertEquals(3, ((Map<?, ?>) prov.get("wasAssociatedWith")).size(), "the runtime ran every activity");
    }

    @Test
    void aSourcesOwnRecordIsKeptWholeAsABundleItsDatasetAnAlternateOfTheSource() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        ProvDocument series = new ProvDocument(HISTORY, Map.of("prov:type", "prov:SoftwareAgent"));
        series.describe(new DatasetActivity("arina-3", "stream", t, t.plusSeconds(5), List.of("sim-stem"), "ana", "",
                List.of()));
        ProvDocument sum = new ProvDocument(HISTORY, Map.of("prov:type", "prov:SoftwareAgent"));
        sum.describe(new DatasetActivity("/r/arina-3-sum.emd", "analysis", t.plusSeconds(9), t.plusSeconds(10),
                List.of(), "", "", List.of("/s/arina-3.emd")));
        sum.include("/s/arina-3.emd", series.text());
        ProvDocument again = new ProvDocument(HISTORY, Map.of("prov:type", "prov:SoftwareAgent"));
        again.describe(new DatasetActivity("/r/twice.emd", "analysis", t.plusSeconds(11), t.plusSeconds(12),
                List.of(), "", "", List.of("/r/arina-3-sum.emd")));
        again.include("/r/arina-3-sum.emd", sum.text());
        Map<?, ?> prov = parse(again);

        Map<?, ?> bundles = (Map<?, ?>) prov.get("bundle");
        assertEquals(List.of("cnd:record/_s_arina-3.emd", "cnd:record/_r_arina-3-sum.emd"), List.copyOf(bundles.keySet()),
                "bundles do not nest: the source's own bundle sits beside it");
        Map<?, ?> inner = (Map<?, ?>) bundles.get("cnd:record/_s_arina-3.emd");
        assertTrue(((Map<?, ?>) inner.get("agent")).containsKey("cnd:user/ana"), inner.toString());
        assertFalse(((Map<?, ?>) bundles.get("cnd:record/_r_arina-3-sum.emd")).containsKey("bundle"));
        assertFalse(prov.containsKey("alternateOf"), "the sum's record is about the sum, by the same name");
        Map<?, ?> alternates = (Map<?, ?>) ((Map<?, ?>) Json.parse(sum.text())).get("alternateOf");
        assertEquals(List.of(Map.of("prov:alternate1", "cnd:dataset/_s_arina-3.emd", "prov:alternate2",
                "cnd:dataset/arina-3")), List.copyOf(alternates.values()),
                "the series' record is about the series, named by its id: the file is an alternate of it");

        ProvDocument foreign = new ProvDocument(HISTORY, Map.of("prov:type", "prov:SoftwareAgent"));
        foreign.describe(new DatasetActivity("/r/x-sum.emd", "analysis", t, t, List.of(), "", "", List.of("x.emd")));
        foreign.include("x.emd", "[1, 2]");
        foreign.include("y.emd", "{\"entity\": ");
        Map<?, ?> kept = parse(foreign);
        Map<?, ?> x = (Map<?, ?>) ((Map<?, ?>) kept.get("entity")).get("cnd:dataset/x.emd");
        assertEquals("the provenance record it carries is not a PROV-JSON document", x.get("cnd:recordNotKept"));
        Map<?, ?> y = (Map<?, ?>) ((Map<?, ?>) kept.get("entity")).get("cnd:dataset/y.emd");
        assertTrue(String.valueOf(y.get("cnd:recordNotKept")).startsWith("the provenance record it carries is not a "
                + "PROV-JSON document (line 1"), y.toString());
        assertFalse(kept.containsKey("bundle"));
        assertTrue(((Map<?, ?>) kept.get("activity")).containsKey("cnd:analysis/_r_x-sum.emd"),
                "the analysis is described all the same");
    }
}
