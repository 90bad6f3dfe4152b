package org.condenser.emd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EMD files as Condenser writes them, read back by Condenser and by the community's readers:
 * h5py and HyperSpy (Debian's python3-h5py and python3-hyperspy, under /usr/bin/python3).
 */
class EmdFilesTest {

    @TempDir
    Path folder;

    private final EmdService emd = new EmdService();

    private static DataArray image() {
        float[] values = new float[6 * 8];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        return DataArray.ofFloats("HAADF", values, "counts",
                List.of(new Axis("y", "m", 1e-9, 2e-11, 6), new Axis("x", "m", -3e-9, 2e-11, 8)),
                Map.of("detector", "HAADF", "pixel_time_s", 1e-5));
    }

    private static DataArray spectrum() {
        float[] values = new float[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.exp(-(i - 20) * (i - 20) / 50.0) * 1000;
        }
        return DataArray.ofFloats("EELS", values, "counts", List.of(new Axis("energy loss", "eV", -10, 0.5, 100)),
                Map.of());
    }

    /** A 4D-STEM scan with counts above 32767, so signed storage would show. */
    private static DataArray fourD() {
        short[] values = new short[3 * 2 * 4 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (40000 + i);
        }
        return DataArray.ofUint16("4D-STEM", values, "counts", List.of(new Axis("scan y", "m", 0, 1e-10, 3),
                new Axis("scan x", "m", 0, 1e-10, 2), new Axis("ky", "px", -2, 1, 4), new Axis("kx", "px", -2.5, 1, 5)),
                Map.of());
    }

    private static EmdContent content() {
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        groups.put("microscope", Map.of("high_tension", 60000.0, "instrument", "sim-stem", "blanked", false));
        groups.put("sample", Map.of("name", "graphene with Si and N"));
        groups.put("user", Map.of("name", "operator"));
        groups.put("provenance", Map.of("activity", Map.of("type", "acquisition", "positions", List.of(1, 2, 3))));
        return new EmdContent(List.of(image(), spectrum(), fourD()), groups);
    }

    @Test
    void emd02RoundTripsThroughCondenserH5pyAndHyperSpy() throws Exception {
        Path file = folder.resolve("session.emd");
        emd.write(file, content(), EmdDialect.EMD_0_2);
        assertTrue(Files.list(folder).noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no leftovers");

        try (EmdFile read = emd.open(file)) {
            assertEquals("EMD 0.2", read.dialect());
            assertEquals(List.of("HAADF", "EELS", "4D-STEM").stream().sorted().toList(),
                    read.arrays().stream().map(EmdArray::name).sorted().toList());
            EmdArray haadf = find(read, "HAADF");
            assertEquals(DType.FLOAT32, haadf.dtype());
            assertAxes(image().axes(), haadf.axes());
            assertEquals("counts", haadf.unit());
            assertEquals(image().data(), read.read(haadf.path()).data());
            EmdArray counts = find(read, "4D-STEM");
            assertEquals(DType.UINT16, counts.dtype());
            DataArray whole = read.read(counts.path());
            assertEquals(40000.0, whole.getDouble(0));
            DataArray row = read.readFrame(counts.path(), 2);
            assertArrayEquals(new int[] { 2, 4, 5 }, row.shape());
            assertEquals(40000.0 + 2 * 40, row.getDouble(0), "frame 2 starts at element 80");
            assertEquals(60000.0, read.groups().get("microscope").get("high_tension"));
            assertEquals("graphene with Si and N", read.groups().get("sample").get("name"));
        }

        assertEquals("""
                HAADF (8, 6) float32 x [m] 2e-11 y 1.5
                EELS (100,) float32 energy loss [e_V] 0.5
                4D-STEM (5, 4, 2, 3) uint16 40000 40119
                microscope 60000.0 sim-stem
                provenance {"positions": [1, 2, 3], "type": "acquisition"}
                """, python(file, """
                import sys, h5py, json
                def text(value):
                    return value.decode() if isinstance(value, bytes) else str(value)
                f = h5py.File(sys.argv[1], 'r')
                assert f.attrs['version_major'] == 0 and f.attrs['version_minor'] == 2
                g = f['data/HAADF']
                assert g.attrs['emd_group_type'] == 1
                d = g['data']
                print('HAADF', d.shape, d.dtype, text(g['dim1'].attrs['name']), text(g['dim1'].attrs['units']),
                      '%.3g' % (g['dim1'][1] - g['dim1'][0]), text(g['dim2'].attrs['name']), d[3, 0])
                e = f['data/EELS']
                print('EELS', e['data'].shape, e['data'].dtype, text(e['dim1'].attrs['name']), text(e['dim1'].attrs['units']),
                      e['dim1'][1] - e['dim1'][0])
                c = f['data/4D-STEM/data']
                print('4D-STEM', c.shape, c.dtype, c[0, 0, 0, 0], c[-1, -1, -1, -1])
                m = f['microscope']
                print('microscope', m.attrs['high_tension'], text(m.attrs['instrument']))
                print('provenance', json.dumps(json.loads(text(f['provenance'].attrs['activity'])), sort_keys=True))
                """));

        // HyperSpy lists axes in its natural order (x before y) and shows the array as Condenser holds it.
        assertEquals("""
                HAADF (6, 8) x m 8 -3e-09 2e-11 y m 6 1e-09 2e-11 1.5
                EELS (100,) energy loss eV 100 -10 0.5 1000.0
                4D-STEM (3, 2, 4, 5) kx px 5 -2.5 1 ky px 4 -2 1 scan x m 2 0 1e-10 scan y m 3 0 1e-10 40000 40119
                microscope 60000.0
                """, python(file, """
                import sys, hyperspy.api as hs
                signals = hs.load(sys.argv[1])
                signals = signals if isinstance(signals, list) else [signals]
                by = {s.metadata.General.title: s for s in signals}
                def axes(s):
                    # _axes is in array order; its reverse is HyperSpy's natural order (x before y).
                    return ' '.join('%s %s %d %.3g %.3g' % (a.name, a.units, a.size, a.offset, a.scale)
                                    for a in s.axes_manager._axes[::-1])
                h = by['HAADF']
                print('HAADF', h.data.shape, axes(h), h.data[0, 3])
                e = by['EELS']
                print('EELS', e.data.shape, axes(e), round(float(e.data[20]), 1))
                c = by['4D-STEM']
                print('4D-STEM', c.data.shape, axes(c), c.data[0, 0, 0, 0], c.data[-1, -1, -1, -1])
                print('microscope', h.original_metadata.microscope.high_tension)
                """));
    }

    @Test
    void emd10IsWrittenAsEmdfileLaysItOut() throws Exception {
        Path file = folder.resolve("session-v1.emd");
        emd.write(file, content(), EmdDialect.EMD_1_0);
        try (EmdFile read = emd.open(file)) {
            assertEquals("EMD 1.0", read.dialect());
            EmdArray spectrum = find(read, "EELS");
            assertAxes(spectrum().axes(), spectrum.axes());
            assertEquals(spectrum().data(), read.read(spectrum.path()).data());
            assertEquals("sim-stem", read.groups().get("microscope").get("instrument"));
        }
        // jhdf writes fixed-length strings, which h5py hands out as bytes.
        assertEquals("file 1 0 root array (100,) dim0 energy loss eV metadata\n", python(file, """
                import sys, h5py
                def text(value):
                    return value.decode() if isinstance(value, bytes) else str(value)
                f = h5py.File(sys.argv[1], 'r')
                r = f['condenser']
                a = r['EELS']
                print(text(f.attrs['emd_group_type']), f.attrs['version_major'], f.attrs['version_minor'],
                      text(r.attrs['emd_group_type']), text(a.attrs['emd_group_type']), a['data'].shape, 'dim0',
                      text(a['dim0'].attrs['name']), text(a['dim0'].attrs['units']),
                      text(r['metadatabundle/microscope'].attrs['emd_group_type']))
                """));
    }

    @Test
    void veloxFilesAreReadFrameByFrameWithTheirMetadata() throws Exception {
        Path file = folder.resolve("velox.emd");
        python(file, """
                import sys, h5py, json, numpy
                f = h5py.File(sys.argv[1], 'w')
                f.create_dataset('Version', data=numpy.array([json.dumps({'format': 'Velox', 'version': 3}).encode()]))
                img = f.create_group('Data/Image/6f1d2c0a')
                img.create_dataset('Data', data=numpy.arange(4 * 5 * 3, dtype='<u2').reshape(4, 5, 3))
                meta = json.dumps({'Optics': {'AccelerationVoltage': '300000'}}).encode()
                column = numpy.zeros((512, 3), dtype='u1')
                for frame in range(3):
                    column[:len(meta), frame] = numpy.frombuffer(meta, dtype='u1')
                img.create_dataset('Metadata', data=column)
                si = f.create_group('Data/SpectrumImage/a9e0')
                si.create_dataset('Data', data=numpy.ones((4, 5, 16), dtype='<f4'))
                f.close()
                print('ok')
                """);
        try (EmdFile read = emd.open(file)) {
            assertEquals("Velox", read.dialect());
            EmdArray image = find(read, "Image 6f1d2c0a");
            EmdArray spectra = find(read, "SpectrumImage a9e0");
            assertArrayEquals(new int[] { 4, 5, 16 }, spectra.shape());
            assertEquals("energy channel", spectra.axes().get(2).name());
            assertEquals(16.0, java.util.Arrays.stream(read.readFrame(spectra.path(), 3).toDoubles()).sum() / 5);
            assertEquals("Image 6f1d2c0a", image.name());
            assertArrayEquals(new int[] { 4, 5, 3 }, image.shape());
            assertEquals("{\"Optics\": {\"AccelerationVoltage\": \"300000\"}}", image.metadata().get("velox_metadata"));
            DataArray row = read.readFrame(image.path(), 1);
            assertArrayEquals(new int[] { 5, 3 }, row.shape());
            assertEquals(15.0, row.getDouble(0));
        }
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndTheCause() throws Exception {
        Path missing = folder.resolve("nowhere.emd");
        assertEquals(missing + " does not exist or is not a file",
                assertThrows(IOException.class, () -> emd.open(missing)).getMessage());

        Path text = folder.resolve("notes.emd");
        Files.writeString(text, "not HDF5 at all\n".repeat(100));
        String notHdf = assertThrows(IOException.class, () -> emd.open(text)).getMessage();
        assertTrue(notHdf.startsWith(text + " is not a readable HDF5 file ("), notHdf);

        Path whole = folder.resolve("whole.emd");
        emd.write(whole, content(), EmdDialect.EMD_0_2);
        Path truncated = folder.resolve("truncated.emd");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        IOException cut = assertThrows(IOException.class, () -> {
            try (EmdFile read = emd.open(truncated)) {
                for (EmdArray array : read.arrays()) {
                    read.read(array.path());
                }
            }
        });
        assertTrue(cut.getMessage().startsWith(truncated.toString()), cut.getMessage());

        Path plain = folder.resolve("plain.h5");
        python(plain, """
                import sys, h5py
                h5py.File(sys.argv[1], 'w').create_dataset('x', data=[1, 2, 3])
                print('ok')
                """);
        assertEquals(plain + " is HDF5 but not EMD: its root has neither version_major, emd_group_type nor a Velox "
                + "Version data set", assertThrows(IOException.class, () -> emd.open(plain)).getMessage());

        try (EmdFile read = emd.open(whole)) {
            EmdArray counts = find(read, "4D-STEM");
            assertEquals(whole + ": " + counts.path() + " has 3 frames; there is no frame 3",
                    assertThrows(IOException.class, () -> read.readFrame(counts.path(), 3)).getMessage());
        }
    }

    /** Axes equal but for the last bits: EMD 0.2 stores a step as the difference of two coordinates. */
    private static void assertAxes(List<Axis> expected, List<Axis> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            Axis e = expected.get(i);
            Axis a = actual.get(i);
            assertEquals(e.name(), a.name());
            assertEquals(e.unit(), a.unit());
            assertEquals(e.size(), a.size());
            assertEquals(e.offset(), a.offset(), Math.abs(e.offset()) * 1e-12 + 1e-30);
            assertEquals(e.step(), a.step(), Math.abs(e.step()) * 1e-9);
        }
    }

    private static EmdArray find(EmdFile file, String name) {
        return file.arrays().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    /** Runs a script with Debian's Python on a file and returns what it printed. */
    static String python(Path file, String script) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", script, file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("python did not finish");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("python failed:\n" + output);
        }
        return output.lines().filter(l -> !l.startsWith("WARNING") && !l.contains("Warning"))
                .reduce("", (a, b) -> a + b + "\n");
    }
}
