package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Benchmark, not a test (README, "Benchmarks"; skipped unless -Dcondenser.benchmark=true): the
 * PicoProbe hyperspectral flow under a PicoProbe-like load, 91 MB EMD files dropped as fast as they
 * are processed. Prints each run's orchestration overhead (its time with a slot, less its steps'
 * own time) in ms and as a share of the run, the median of both (goal ≤ 10 ms and ≤ 1%), and flows
 * per minute.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class FlowOverheadIT {

    private static final int FILES = 8;
    private static final Pattern RUN = Pattern.compile("(picoprobe-hyperspectral-\\d+)  SUCCEEDED  ([0-9.]+) ms \\(steps "
            + "([0-9.]+) ms, overhead ([0-9.]+) ms = ([0-9.]+)%");

    @InjectBundleContext
    BundleContext context;

    @InjectService
    CommandProcessor shell;

    @InjectService(timeout = 20_000)
    EmdFiles emd;

    @Test
    void orchestrationOverheadUnderAPicoProbeLoad() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(context.getProperty("condenser.benchmark")),
                "a benchmark: run with -Dcondenser.benchmark=true");
        RuntimeFolders folders = new RuntimeFolders(context);
        // 100 x 100 positions of 2275 float32 channels: 91 MB, as PicoProbe's hyperspectral files
        int h = 100;
        int w = 100;
        int e = 2275;
        float[] counts = new float[h * w * e];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (i * 2654435761L % 1000) / 10f;
        }
        Path work = Files.createDirectories(folders.home.resolve("benchmark"));
        Path template = work.resolve("template.emd");
        emd.write(template, EmdContent.of(DataArray.ofFloats("EELS", counts, "counts", List.of(new Axis("y", "m", 0, 1e-10,
                h), new Axis("x", "m", 0, 1e-10, w), new Axis("energy loss", "eV", 0, 0.25, e)), Map.of())),
                EmdDialect.EMD_0_2);
        Path incoming = Files.createDirectories(folders.home.resolve("picoprobe/hyperspectral"));
        long before = count(folders.home); // other tests may have run the flow already
        long start = System.nanoTime();
        for (int i = 0; i < FILES; i++) {
            Path staged = work.resolve(".bench-" + i + ".emd");
            Files.copy(template, staged);
            Files.move(staged, incoming.resolve("bench-" + i + ".emd")); // whole files appear at once
        }
        Await.until("all files are published", java.time.Duration.ofMinutes(10), () -> count(folders.home) >= before + FILES,
                () -> Shell.run(shell, "cnd:flow history").output());
        double minutes = (System.nanoTime() - start) / 60e9;
        String history = Shell.run(shell, "cnd:flow history 100").output();
        List<double[]> runs = new ArrayList<>();
        Matcher matcher = RUN.matcher(history);
        while (matcher.find()) {
            runs.add(new double[] { Double.parseDouble(matcher.group(4)), Double.parseDouble(matcher.group(5)),
                    Double.parseDouble(matcher.group(2)) });
        }
        assertThat(runs).as(history).hasSizeGreaterThanOrEqualTo(FILES);
        double[] overhead = runs.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] share = runs.stream().mapToDouble(r -> r[1]).sorted().toArray();
        String report = String.format(Locale.ROOT, "PicoProbe hyperspectral flow, %d files of %.0f MB: median overhead "
                + "%.2f ms (max %.2f), median share %.3f%% (goal <= 10 ms, <= 1%%); %.1f flows/min end to end "
                + "(watcher stability 1 s included)%n", runs.size(), Files.size(template) / 1e6, overhead[overhead.length / 2],
                overhead[overhead.length - 1], share[share.length / 2], FILES / minutes);
        System.out.print(report);
        Path output = Files.createDirectories(Path.of(context.getProperty("condenser.benchmark.output")));
        Files.writeString(output.resolve("flow-overhead.txt"), report + history);
    }

    private static long count(Path home) {
        Path folder = home.resolve("published");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("picoprobe-hyperspectral-")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
