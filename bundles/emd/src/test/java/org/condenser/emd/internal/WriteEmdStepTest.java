package org.condenser.emd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdArray;
import org.condenser.api.data.EmdFile;
import org.condenser.api.provenance.DatasetActivity;
import org.condenser.api.provenance.Provenance;
import org.condenser.testing.RecordingStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw detector dump through the write-emd step, and the layouts it refuses. */
class WriteEmdStepTest {

    @TempDir
    Path home;

    private final EmdService emd = new EmdService();

    private WriteEmdStep step() {
        return new WriteEmdStep(key -> key.equals("condenser.home") ? home.toString() : null, emd);
    }

    /** 2x3 scan of 4x5 big-endian uint16 frames after a 16-byte header: pixel value = its flat index. */
    private Path raw() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(16 + 120 * 2).order(ByteOrder.BIG_ENDIAN);
        bytes.put(new byte[16]);
        for (int i = 0; i < 120; i++) {
            bytes.putShort((short) (i * 500));
        }
        return Files.write(home.resolve("scan_0007.raw"), bytes.array());
    }

    private static Map<String, Object> layout() {
        return Map.of("shape", List.of(2, 3, 4, 5), "dtype", "uint16", "byteOrder", "big", "headerBytes", 16, "axes",
                List.of(Map.of("name", "scan y", "unit", "nm", "step", 0.5), Map.of("name", "scan x", "unit", "nm",
                        "step", 0.5), Map.of("name", "ky", "unit", "mrad", "step", 0.25, "offset", -0.5),
                        Map.of("name", "kx", "unit", "mrad", "step", 0.25, "offset", -0.5)));
    }

    @Test
    void theEmdFileCarriesTheRecordOfItsConversionWithTheRunsLineage() throws Exception {
        Path raw = raw();
        List<Object> asked = new ArrayList<>();
        Provenance provenance = (activity, lineage, sources) -> {
            asked.add(activity);
            asked.add(lineage);
            return "{\"recorded\": \"" + activity.dataset() + "\"}";
        };
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        List<DatasetActivity> earlier = List.of(new DatasetActivity("/det/scan_0007.raw", "move", t, t, List.of(), "", "",
                List.of(), Map.of("xxh64", "00ff")));
        RecordingStepContext context = new RecordingStepContext("convert-4", layout(), Map.of("file", raw.toString()), home)
                .withLineage(earlier);
        new WriteEmdStep(key -> key.equals("condenser.home") ? home.toString() : null, emd, provenance).execute(context);

        String written = (String) context.outputs().get("file");
        DatasetActivity conversion = (DatasetActivity) asked.get(0);
        assertEquals(List.of(written, "write-emd", List.of(raw.toString()), Map.of("flow", "convert", "run", "convert-4")),
                List.of(conversion.dataset(), conversion.activity(), conversion.derivedFrom(), conversion.attributes()));
        assertEquals(earlier, asked.get(1), "the record reaches back through the run's lineage");
        try (EmdFile file = emd.open(Path.of(written))) {
            assertEquals("{\"recorded\": \"" + written + "\"}",
                    file.groups().get(Provenance.GROUP).get(Provenance.ATTRIBUTE));
        }
    }

    @Test
    void aRawDumpBecomesAnEmdFileWithItsAxesAndLaterStepsGetIt() throws Exception {
        Path raw = raw();
        RecordingStepContext context = new RecordingStepContext("convert-3", layout(), Map.of("file", raw.toString()), home);
        step().execute(context);
        Path written = Path.of((String) context.outputs().get("file"));
        assertEquals(home.resolve("emd/convert-3/scan_0007.emd"), written);
        assertEquals(raw.toString(), context.outputs().get("raw"));
        try (EmdFile file = emd.open(written)) {
            EmdArray array = file.arrays().get(0);
            assertArrayEquals(new int[] { 2, 3, 4, 5 }, array.shape());
            assertEquals(List.of("scan y", "scan x", "ky", "kx"), array.axes().stream().map(a -> a.name()).toList());
            assertEquals(-0.5, array.axes().get(3).offset());
            assertEquals("mrad", array.axes().get(3).unit());
            DataArray data = file.read(array.path());
            for (int i = 0; i < 120; i++) {
                assertEquals((i * 500) & 0xFFFF, (int) data.getDouble(i), "pixel " + i);
            }
            assertEquals(raw.toString(), file.groups().get("source").get("raw_file"));
        }
    }

    @Test
    void layoutsThatDoNotFitTheFileAreRefusedNamingBothSizes() throws Exception {
        Path raw = raw();
        Map<String, Object> wrongShape = new java.util.HashMap<>(layout());
        wrongShape.put("shape", List.of(2, 3, 4, 6));
        assertEquals("scan_0007.raw is 256 bytes; [2, 3, 4, 6] uint16 after a 16-byte header needs 304",
                assertThrows(IllegalArgumentException.class, () -> step().execute(new RecordingStepContext("c-1",
                        wrongShape, Map.of("file", raw.toString()), home))).getMessage());
        Map<String, Object> wrongType = new java.util.HashMap<>(layout());
        wrongType.put("dtype", "uint12");
        assertEquals("write-emd: dtype 'uint12' is not one of [uint8, uint16, uint32, int8, int16, int32, int64, "
                + "float32, float64]", assertThrows(IllegalArgumentException.class, () -> step().execute(
                        new RecordingStepContext("c-2", wrongType, Map.of("file", raw.toString()), home))).getMessage());
        Map<String, Object> fewAxes = new java.util.HashMap<>(layout());
        fewAxes.put("axes", List.of(Map.of("name", "y")));
        assertEquals("write-emd: 'axes' must be a list of 4 objects {name, unit, step, offset}, not [{name=y}]",
                assertThrows(IllegalArgumentException.class, () -> step().execute(new RecordingStepContext("c-3",
                        fewAxes, Map.of("file", raw.toString()), home))).getMessage());
        assertEquals("write-emd: 'shape' [2, 0] holds 0, not a size >= 1", assertThrows(IllegalArgumentException.class,
                () -> step().execute(new RecordingStepContext("c-4", Map.of("shape", List.of(2, 0), "dtype", "uint8"),
                        Map.of("file", raw.toString()), home))).getMessage());
        assertFalse(Files.exists(home.resolve("emd")) && Files.list(home.resolve("emd")).findAny().isPresent(),
                "nothing is written for a refused layout");
    }
}
