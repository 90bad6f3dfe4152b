package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * PicoProbe's two flows as the demo ships them (runtime/conf/flows): a hyperspectral EMD dropped
 * into the watched folder is moved, reduced to its sum image and sum spectrum (EMD + PNG), its
 * metadata extracted and the whole published; an image series yields its particle counts per
 * frame; a file of the wrong shape is quarantined with the reason. The results' provenance reaches
 * back through the move to the file as it arrived.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class PicoProbeFlowIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    CommandProcessor shell;

    @InjectService(timeout = 20_000)
    EmdFiles emd;

    /** The record a flow published for the input named {@code input} (other tests may publish too). */
    private Path published(Path home, String flow, String input) {
        Path folder = home.resolve("published");
        if (!Files.isDirectory(folder)) {
            return null;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(flow + "-") && read(f).contains(input))
                    .findFirst().orElse(null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void aHyperspectralFileAndAnImageSeriesGoThroughTheirFlows() throws Exception {
        RuntimeFolders folders = new RuntimeFolders(context);
        Await.until("the PicoProbe flows are read", () -> Shell.run(shell, "cnd:flows").output()
                .contains("picoprobe-particles  trigger file"), () -> Shell.run(shell, "cnd:flows").output());

        // a spectrum image: 8 x 10 positions, 200 channels from 250 eV; counts = position index + channel
        int h = 8;
        int w = 10;
        int e = 200;
        float[] counts = new float[h * w * e];
        for (int p = 0; p < h * w; p++) {
            for (int c = 0; c < e; c++) {
                counts[p * e + c] = p + c + (c == 120 ? 500 : 0);
            }
        }
        DataArray si = DataArray.ofFloats("EELS spectrum image", counts, "counts", List.of(new Axis("y", "m", 0, 1e-10, h),
                new Axis("x", "m", 0, 1e-10, w), new Axis("energy loss", "eV", 250, 0.5, e)), Map.of());
        Path hyperspectral = Files.createDirectories(folders.home.resolve("picoprobe/hyperspectral"));
        emd.write(hyperspectral.resolve("si-001.emd"), new EmdContent(List.of(si), Map.of("microscope",
                Map.of("high_tension_V", 300000.0))), EmdDialect.EMD_0_2);

        // an image series: 6 frames of 48 x 48 with two bright particles, a third from frame 3
        float[] movie = new float[6 * 48 * 48];
        for (int t = 0; t < 6; t++) {
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 48; x++) {
                    double v = 10 + ((x * 7 + y * 13 + t) % 5);
                    v += 300 * Math.exp(-(Math.pow(x - 10 - t, 2) + Math.pow(y - 12, 2)) / 4);
                    v += 300 * Math.exp(-(Math.pow(x - 35, 2) + Math.pow(y - 30 + t, 2)) / 4);
                    if (t >= 3) {
                        v += 300 * Math.exp(-(Math.pow(x - 20, 2) + Math.pow(y - 40, 2)) / 4);
                    }
                    movie[(t * 48 + y) * 48 + x] = (float) v;
                }
            }
        }
        DataArray series = DataArray.ofFloats("image series", movie, "counts", List.of(new Axis("time", "s", 0, 0.1, 6),
                new Axis("y", "m", 0, 1e-9, 48), new Axis("x", "m", 0, 1e-9, 48)), Map.of());
        Path seriesFolder = Files.createDirectories(folders.home.resolve("picoprobe/series"));
        emd.write(seriesFolder.resolve("movie-001.emd"), EmdContent.of(series), EmdDialect.EMD_0_2);
        DataArray flat = DataArray.ofFloats("not a cube", new float[16], "counts", List.of(new Axis("y", "px", 0, 1, 4),
                new Axis("x", "px", 0, 1, 4)), Map.of());
        emd.write(hyperspectral.resolve("flat-001.emd"), EmdContent.of(flat), EmdDialect.EMD_0_2);

        Await.until("the hyperspectral file is published",
                () -> published(folders.home, "picoprobe-hyperspectral", "si-001.emd") != null,
                () -> Shell.run(shell, "cnd:flow history").output());
        Await.until("the image series is published",
                () -> published(folders.home, "picoprobe-particles", "movie-001.emd") != null,
                () -> Shell.run(shell, "cnd:flow history").output());
        // other tests' runs share the history: wait for this file's own quarantine
        Await.until("the flat file is quarantined", () -> Shell.run(shell, "cnd:flow history").output()
                .contains("analyse: flat-001.emd holds no 3-D array"), () -> Shell.run(shell, "cnd:flow history").output());

        Path recordFile = published(folders.home, "picoprobe-hyperspectral", "si-001.emd");
        String record = Files.readString(recordFile);
        assertThat(record).contains("\"xxh64\"", "nas/picoprobe/si-001.emd", "-sum.emd", "-pattern.png",
                "\"high_tension_V\":300000.0", "\"energy loss\"");
        String particles = Files.readString(published(folders.home, "picoprobe-particles", "movie-001.emd"));
        assertThat(particles).contains("\"particle_counts\":[2,2,2,3,3,3]", "\"tracks\":3");
        assertThat(Shell.run(shell, "cnd:flow history").output()).contains(
                "analyse: flat-001.emd holds no 3-D array", "overhead");

        String run = recordFile.getFileName().toString().replace(".json", "");
        Path results = folders.home.resolve("results").resolve(run);
        String checked = Python.run("""
                import sys, glob, h5py, numpy
                folder = sys.argv[1]
                def first(path):
                    with h5py.File(path, 'r') as f:
                        g = f['data'][list(f['data'])[0]]
                        return g['data'][()]
                image = first(glob.glob(folder + '/*-sum.emd')[0]).T  # EMD 0.2 stores axes reversed, as HyperSpy does
                spectrum = first(glob.glob(folder + '/*-pattern.emd')[0])
                p = numpy.arange(80).reshape(8, 10)
                want_image = 200 * p + numpy.arange(200).sum() + 500
                want_spectrum = numpy.arange(80).sum() + 80 * numpy.arange(200) + 80 * 500 * (numpy.arange(200) == 120)
                print(image.shape, spectrum.shape, numpy.allclose(image, want_image), numpy.allclose(spectrum, want_spectrum))
                """, results.toString());
        assertThat(checked.strip()).isEqualTo("(8, 10) (200,) True True");

        // the sum's provenance reaches back through the verified move to the file as the detector left it
        String xxh64 = record.replaceAll("(?s).*\"xxh64\":\\s*\"([0-9a-f]{16})\".*", "$1");
        Shell.Result provenance = Shell.run(shell, "cnd:provenance " + results.resolve("si-001-sum.emd"));
        assertThat(provenance.failure()).isNull();
        assertThat(provenance.output()).contains("cnd:analysis/", "cnd:move/", "cnd:acquisition/",
                "\"cnd:xxh64\": \"" + xxh64 + "\"", "picoprobe/hyperspectral/si-001.emd", "cnd:instrument/sim-stem");
    }
}
