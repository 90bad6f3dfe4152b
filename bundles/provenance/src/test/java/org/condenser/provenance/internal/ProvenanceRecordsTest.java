package org.condenser.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.condenser.api.provenance.StateSample;
import org.junit.jupiter.api.Test;

class ProvenanceRecordsTest {

    @Test
    void driftGivesEachPropertysFirstLastAndSpan() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        Map<String, Object> drift = ProvenanceRecords.drift(List.of(
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
        assertEquals("dectris-1-abc", ProvenanceRecords.id("dectris-1-abc"));
        assertEquals("a_b_c.emd", ProvenanceRecords.id("a/b c.emd"));
    }
}
