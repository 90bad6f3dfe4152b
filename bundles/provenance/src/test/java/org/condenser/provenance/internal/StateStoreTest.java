package org.condenser.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir
    Path folder;

    private static Map<String, Object> record(long t, double value) {
        return Map.of("t", t, "k", "sample", "i", "sim", "p", "defocus", "v", value);
    }

    private static List<Long> times(StateStore store, long from, long to) throws IOException {
        List<Long> out = new ArrayList<>();
        store.read(from, to, r -> out.add(((Number) r.get("t")).longValue()));
        return out;
    }

    @Test
    void readsBackExactlyTheRangeAskedForAcrossSegments() throws IOException {
        try (StateStore store = new StateStore(folder, 1 << 20, 1024)) {
            for (long t = 0; t < 200; t++) {
                store.append(List.of(record(1_000 + t * 10, t * 1e-9)));
            }
            assertTrue(store.statistics().segments() > 3, "small segments roll over");
            assertEquals(List.of(1_500L, 1_510L, 1_520L), times(store, 1_500, 1_520));
            assertEquals(200, times(store, 0, Long.MAX_VALUE).size());
            assertEquals(List.of(), times(store, 5_000, 6_000));
        }
    }

    @Test
    void staysWithinItsBoundByDroppingTheOldestAndCountingThem() throws IOException {
        try (StateStore store = new StateStore(folder, 4096, 1024)) {
            for (long t = 0; t < 500; t++) {
                store.append(List.of(record(t, t)));
            }
            StateStore.Statistics s = store.statistics();
            assertTrue(s.bytes() <= 4096, "within the bound: " + s);
            assertTrue(s.evictedSegments() > 0 && s.evictedBytes() > 0, "what went is counted: " + s);
            List<Long> left = times(store, 0, Long.MAX_VALUE);
            assertEquals(499L, left.get(left.size() - 1), "the newest stay");
            assertTrue(left.get(0) > 0, "the oldest went");
        }
    }

    @Test
    void aRecordCutShortByACrashIsCutOffAndALineThatIsNotARecordIsSkipped() throws IOException {
        try (StateStore store = new StateStore(folder, 1 << 20, 1 << 16)) {
            store.append(List.of(record(10, 1), record(20, 2)));
        }
        Path segment;
        try (var files = Files.list(folder)) {
            segment = files.findFirst().orElseThrow();
        }
        Files.writeString(segment, "not a record\n{\"t\": 30, \"k\": \"sample\", \"v\"", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        try (StateStore store = new StateStore(folder, 1 << 20, 1 << 16)) {
            assertTrue(store.statistics().truncatedBytes() > 0);
            store.append(List.of(record(40, 4)));
            assertEquals(List.of(10L, 20L, 40L), times(store, 0, 100));
            assertEquals(1, store.statistics().malformedLines());
        }
    }

    @Test
    void aBrokenConfigurationIsRefusedWithItsNumbers() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StateStore(folder, 1000, 1024));
        assertTrue(e.getMessage().contains("1024-byte segments, 1000 bytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> {
            try (StateStore store = new StateStore(folder, 1 << 20, 1024)) {
                store.append(List.of(Map.of("k", "sample")));
            }
        });
    }
}
