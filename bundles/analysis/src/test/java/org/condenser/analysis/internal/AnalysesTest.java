package org.condenser.analysis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.condenser.api.analysis.FrameAnalysis;
import org.condenser.api.analysis.LinearAnalysis;
import org.condenser.api.analysis.LinearForm;
import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;
import org.condenser.api.data.SeriesInfo;
import org.condenser.testing.ExternalTools;
import org.condenser.testing.HeapFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each analysis against numpy on the same 4D data, run as map on two partials (as two threads would)
 * then merged; and what each refuses.
 */
class AnalysesTest {

    private static final int SCAN_H = 5;
    private static final int SCAN_W = 6;
    private static final int H = 20;
    private static final int W = 24;
    private static final SeriesInfo SERIES = new SeriesInfo("s", SCAN_H * SCAN_W, new int[] { SCAN_H, SCAN_W },
            DType.UINT16, new int[] { H, W }, Map.of());
    private final AnalysisService analyses = new AnalysisService();

    @TempDir
    Path folder;

    /** A bright disc that moves with the scan position, on a noisy background. */
    private static List<ByteBuffer> frames() {
        SplittableRandom random = new SplittableRandom(3);
        List<ByteBuffer> frames = new ArrayList<>();
        for (int p = 0; p < SCAN_H * SCAN_W; p++) {
            double dy = (p / SCAN_W - 2) * 0.7;
            double dx = (p % SCAN_W - 2.5) * 0.5;
            ByteBuffer frame = ByteBuffer.allocate(H * W * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double r = Math.hypot(y - 9.5 - dy, x - 11.5 - dx);
                    frame.putShort((y * W + x) * 2, (short) ((r < 5 ? 400 : 10) + random.nextInt(20)));
                }
            }
            frames.add(frame);
        }
        return frames;
    }

    private static Frame frame(long index, ByteBuffer pixels, int[] shape) {
        return HeapFrame.uint16("s", index, shape, pixels);
    }

    /** Maps even frames into one partial and odd into another, merges them, and gives the result. */
    private static <P> DataArray run(FrameAnalysis<P> analysis, List<ByteBuffer> frames) {
        P even = analysis.newPartial();
        P odd = analysis.fromBytes(analysis.toBytes(analysis.newPartial()));
        for (int i = 0; i < frames.size(); i++) {
            analysis.map(frame(i, frames.get(i), new int[] { H, W }), i % 2 == 0 ? even : odd);
        }
        analysis.merge(even, analysis.fromBytes(analysis.toBytes(odd)));
        return analysis.result(even);
    }

    @Test
    void everyAnalysisEqualsNumpyOnTheSameData() throws Exception {
        List<ByteBuffer> frames = frames();
        try (OutputStream out = Files.newOutputStream(folder.resolve("scan.u16"))) {
            for (ByteBuffer frame : frames) {
                out.write(frame.array());
            }
        }
        String[] specs = { "bf:0.4", "adf:0.5:0.9", "annular:0.2:0.6", "sum", "com", "dpc:30", "pattern" };
        StringBuilder ours = new StringBuilder();
        for (String spec : specs) {
            DataArray result = run(analyses.create(spec, SERIES), frames);
            ours.append(spec).append(' ');
            for (double v : result.toDoubles()) {
                ours.append(String.format(java.util.Locale.ROOT, "%.9g,", v));
            }
            ours.append('\n');
        }
        Files.writeString(folder.resolve("ours.txt"), ours);
        String verdict = ExternalTools.python("""
                import sys, numpy
                SH, SW, H, W = 5, 6, 20, 24
                d = numpy.fromfile(sys.argv[1] + '/scan.u16', '<u2').reshape(SH, SW, H, W).astype(numpy.float64)
                yy, xx = numpy.mgrid[0:H, 0:W]
                r = numpy.hypot(yy - (H - 1) / 2, xx - (W - 1) / 2) / (min(H, W) / 2)
                def annulus(a, b):
                    return numpy.tensordot(d, ((r >= a) & (r < b)).astype(numpy.float64), axes=([2, 3], [0, 1]))
                total = d.sum(axis=(2, 3))
                cx = (d * xx).sum(axis=(2, 3)) / total - (W - 1) / 2
                cy = (d * yy).sum(axis=(2, 3)) / total - (H - 1) / 2
                t = numpy.radians(30)
                rx, ry = numpy.cos(t) * cx - numpy.sin(t) * cy, numpy.sin(t) * cx + numpy.cos(t) * cy
                want = {'bf:0.4': annulus(0, 0.4), 'adf:0.5:0.9': annulus(0.5, 0.9), 'annular:0.2:0.6': annulus(0.2, 0.6),
                        'sum': total, 'com': numpy.stack([cx, cy]), 'dpc:30': numpy.stack([rx - rx.mean(), ry - ry.mean()]),
                        'pattern': d.sum(axis=(0, 1))}
                worst = []
                for line in open(sys.argv[1] + '/ours.txt'):
                    spec, values = line.split(' ')
                    got = numpy.array([float(v) for v in values.strip(',\\n').split(',')])
                    ref = want[spec].ravel()
                    scale = max(numpy.abs(ref).max(), 1e-9)
                    worst.append('%s %.2e' % (spec, numpy.abs(got - ref).max() / scale))
                print(';'.join(worst))
                """, folder.toString());
        for (String entry : verdict.split(";")) {
            String[] parts = entry.split(" ");
            double error = Double.parseDouble(parts[1]);
            // results are float32: a relative error within 1e-6 of the largest value is rounding
            assertTrue(error < 1e-6, "max relative error of " + parts[0] + " vs numpy: " + error + " (" + verdict + ")");
        }
        assertEquals(specs.length, verdict.split(";").length, verdict);
    }

    /**
     * What a GPU runs is the analysis's linear form, not its map: evaluated directly, the form must give
     * exactly the sums the map gives (the pixels are integers, so both sums are exact in double).
     */
    @Test
    void linearFormsGiveTheSumsTheirMapsGive() {
        List<ByteBuffer> frames = frames();
        float[] mask = new float[H * W];
        for (int i = 0; i < mask.length; i += 7) {
            mask[i] = 0.5f * (i % 3);
        }
        List<LinearAnalysis> linear = new ArrayList<>();
        for (String spec : new String[] { "bf:0.4", "adf:0.5:0.9", "annular:0.2:0.6", "sum", "com", "dpc:30", "pattern" }) {
            linear.add((LinearAnalysis) analyses.create(spec, SERIES));
        }
        linear.add(VirtualDetector.mask("stripes", mask, SERIES));
        for (LinearAnalysis analysis : linear) {
            LinearForm form = analysis.form();
            double[] mapped = analysis.newPartial();
            double[] formed = new double[form.slots()];
            for (int f = 0; f < frames.size(); f++) {
                Frame frame = frame(f, frames.get(f), new int[] { H, W });
                analysis.map(frame, mapped);
                int position = analysis.position(frame);
                ByteBuffer pixels = frames.get(f);
                for (int i = 0; i < form.framePixels(); i++) {
                    double v = pixels.getShort(2 * i) & 0xFFFF;
                    if (form.accumulates()) {
                        formed[i] += v;
                    } else {
                        for (int k = 0; k < form.maps(); k++) {
                            formed[position * form.maps() + k] += form.weights()[k * form.framePixels() + i] * v;
                        }
                    }
                }
            }
            assertArrayEquals(mapped, formed, analysis.name());
        }
        assertFalse(analyses.create("particles", new SeriesInfo("t", 3, null, DType.UINT16, new int[] { H, W }, Map.of()))
                instanceof LinearAnalysis, "particles are not linear");
    }

    @Test
    void wrongSpecsAndFramesAreRefusedSayingWhatWasWrong() {
        assertEquals("'donut' is not a virtual detector (bf, adf, annular:INNER:OUTER or sum)",
                assertThrows(IllegalArgumentException.class, () -> analyses.check("donut")).getMessage());
        assertEquals("'dpc:left': the rotation 'left' is not a number of degrees",
                assertThrows(IllegalArgumentException.class, () -> analyses.check("dpc:left")).getMessage());
        assertEquals("'annular:0.9:0.1': radii must satisfy 0 <= inner < outer",
                assertThrows(IllegalArgumentException.class, () -> analyses.check("annular:0.9:0.1")).getMessage());
        SeriesInfo notAScan = new SeriesInfo("t", 3, null, DType.UINT16, new int[] { H, W }, Map.of());
        assertEquals("series t is not a scan: centre of mass needs the scan's shape",
                assertThrows(IllegalArgumentException.class, () -> analyses.create("com", notAScan)).getMessage());
        SeriesInfo spectra = new SeriesInfo("u", 30, new int[] { SCAN_H, SCAN_W }, DType.UINT16, new int[] { 512 }, Map.of());
        assertEquals("a virtual detector needs 2-D frames; series u has [512]",
                assertThrows(IllegalArgumentException.class, () -> analyses.create("adf", spectra)).getMessage());

        FrameAnalysis<?> adf = analyses.create("adf", SERIES);
        assertEquals("frame 0 is [20, 20], the series' frames are [20, 24]", assertThrows(IllegalArgumentException.class,
                () -> mapOne(adf, frame(0, ByteBuffer.allocate(20 * 20 * 2), new int[] { 20, 20 }))).getMessage());
        assertEquals("frame 30 lies outside the 5x6 scan", assertThrows(IllegalArgumentException.class,
                () -> mapOne(adf, frame(30, ByteBuffer.allocate(H * W * 2), new int[] { H, W }))).getMessage());
        assertEquals("a partial result of 8 bytes; 240 expected",
                assertThrows(IllegalArgumentException.class, () -> adf.fromBytes(new byte[8])).getMessage());
    }

    @Test
    void aSpectrumImageGivesItsSumImageAndSumSpectrum() {
        SeriesInfo spectra = new SeriesInfo("u", 6, new int[] { 2, 3 }, DType.UINT16, new int[] { 4 }, Map.of());
        List<ByteBuffer> frames = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            ByteBuffer spectrum = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (int c = 0; c < 4; c++) {
                spectrum.putShort(c * 2, (short) (p * 10 + c));
            }
            frames.add(spectrum);
        }
        FrameAnalysis<?> sum = analyses.create("sum", spectra);
        FrameAnalysis<?> pattern = analyses.create("pattern", spectra);
        assertEquals(List.of(6.0, 46.0, 86.0, 126.0, 166.0, 206.0), box(runSpectra(sum, frames)));
        DataArray spectrum = runSpectra(pattern, frames);
        assertEquals("sum spectrum", spectrum.name());
        assertEquals(List.of(150.0, 156.0, 162.0, 168.0), box(spectrum));
    }

    @Test
    void spectrumScalarsEqualNumpyInTheAxisUnits() throws Exception {
        // 3x4 positions of 300-channel spectra from 100 eV in 0.5 eV steps: a peak whose energy moves with x
        int channels = 300;
        SeriesInfo spectra = new SeriesInfo("e", 12, new int[] { 3, 4 }, DType.UINT16, new int[] { channels }, Map.of(),
                List.of(new org.condenser.api.data.Axis("energy loss", "eV", 100, 0.5, channels)));
        List<ByteBuffer> frames = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            ByteBuffer spectrum = ByteBuffer.allocate(channels * 2).order(ByteOrder.LITTLE_ENDIAN);
            double centre = 160 + 3.3 * (p % 4) + 0.7 * (p / 4);
            for (int c = 0; c < channels; c++) {
                double e = 100 + 0.5 * c;
                int v = (int) Math.round(2000 * Math.exp(-(e - 100) / 60) + 900 * Math.exp(-Math.pow((e - centre) / 2.5, 2)));
                spectrum.putShort(c * 2, (short) v);
                raw.append(v).append(c + 1 < channels ? "," : "\n");
            }
            frames.add(spectrum);
        }
        Files.writeString(folder.resolve("spectra.csv"), raw);
        String[] specs = { "window:150:190", "ratio:150:190:110:130", "peak:150:190" };
        StringBuilder ours = new StringBuilder();
        for (String spec : specs) {
            ours.append(spec);
            for (double v : runSpectra(analyses.create(spec, spectra), frames).toDoubles()) {
                ours.append(String.format(java.util.Locale.ROOT, " %.9g", v));
            }
            ours.append('\n');
        }
        String verdict = ExternalTools.python("""
                import sys, numpy
                s = numpy.loadtxt(sys.argv[1], delimiter=',')
                e = 100 + 0.5 * numpy.arange(s.shape[1])
                w = lambda lo, hi: s[:, (e >= lo) & (e < hi)].sum(axis=1)
                inside = numpy.flatnonzero((e >= 150) & (e < 190))
                best = inside[numpy.argmax(s[:, inside], axis=1)]
                rows = numpy.arange(len(s))
                l, c, r = s[rows, best - 1], s[rows, best], s[rows, best + 1]
                peak = 100 + 0.5 * (best + 0.5 * (l - r) / (l - 2 * c + r))
                want = {'window:150:190': w(150, 190), 'ratio:150:190:110:130': w(150, 190) / w(110, 130), 'peak:150:190': peak}
                out = []
                for line in open(sys.argv[2]):
                    spec, *values = line.split()
                    got = numpy.array([float(v) for v in values])
                    out.append('%s %.2e' % (spec, numpy.abs(got - want[spec]).max() / numpy.abs(want[spec]).max()))
                print(';'.join(out))
                """, folder.resolve("spectra.csv").toString(), Files.writeString(folder.resolve("scalars.txt"),
                ours).toString());
        for (String entry : verdict.split(";")) {
            assertTrue(Double.parseDouble(entry.split(" ")[1]) < 1e-6, entry + " (" + verdict + ")");
        }
        DataArray peak = runSpectra(analyses.create("peak:150:190", spectra), frames);
        assertEquals("eV", peak.unit());
        assertEquals(160 + 3.3 * 2 + 0.7, peak.getDouble(6), 0.1, "the peak found where it was put, within a fifth of a channel");
        assertEquals("'window:150:140': a window must run from low to high, not 150.0 to 140.0",
                assertThrows(IllegalArgumentException.class, () -> analyses.check("window:150:140")).getMessage());
        assertEquals("'peak:900:950': no channel lies in 900.0..950.0 eV (the spectra run from 100.0 to 249.5)",
                assertThrows(IllegalArgumentException.class, () -> analyses.create("peak:900:950", spectra)).getMessage());
        assertEquals("a spectrum scalar needs spectra; series s has frames of 2 dimensions",
                assertThrows(IllegalArgumentException.class, () -> analyses.create("window:1:2", SERIES)).getMessage());
    }

    private static <P> DataArray runSpectra(FrameAnalysis<P> analysis, List<ByteBuffer> frames) {
        P partial = analysis.newPartial();
        for (int i = 0; i < frames.size(); i++) {
            analysis.map(frame(i, frames.get(i), new int[] { frames.get(i).capacity() / 2 }), partial);
        }
        return analysis.result(partial);
    }

    private static List<Double> box(DataArray array) {
        List<Double> values = new ArrayList<>();
        for (double v : array.toDoubles()) {
            values.add(v);
        }
        return values;
    }

    private static <P> void mapOne(FrameAnalysis<P> analysis, Frame frame) {
        analysis.map(frame, analysis.newPartial());
    }
}
