package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault test of the movers: the demo runtime is killed (SIGKILL) in the middle of a batch of
 * verified transfers and started again; every file must arrive exactly once, byte for byte, with no
 * temporary left behind, and each must be journalled DONE exactly once.
 */
class MoveCrashLaunchTest {

    private static final Path FEATURE_LISTS = Path.of(System.getProperty("condenser.featurelists",
            "../../featurelists/target"));
    private static final int FILES = 48;
    private static final int SIZE = 6 << 20;

    @TempDir
    Path home;

    @Test
    void killedMidBatchEveryFileArrivesExactlyOnceByteForByte() throws Exception {
        Path incoming = Files.createDirectories(home.resolve("incoming"));
        for (int i = 0; i < FILES; i++) {
            byte[] data = new byte[SIZE];
            new SplittableRandom(i).nextBytes(data);
            Files.write(incoming.resolve(String.format("frame-%03d.dat", i)), data);
        }
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("org.condenser.watch-acq.cfg"),
                "name = acq\nfolder = incoming\npatterns = *.dat\nstableSeconds = 0\npollSeconds = 0.05\n");
        Files.writeString(conf.resolve("org.condenser.move-nas.cfg"),
                "name = nas\nwatcher = acq\ndestination = nas\nparallel = 2\n");
        Path nas = home.resolve("nas");

        Process first = start("first");
        try {
            awaitFiles(nas, 3, first);
        } finally {
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        int arrivedBeforeKill = count(nas);
        assertThat(arrivedBeforeKill).as("killed in the middle of the batch").isLessThan(FILES);
        System.out.println("killed with " + arrivedBeforeKill + " of " + FILES + " files in place");

        Process second = start("second");
        try {
            awaitFiles(nas, FILES, second);
            awaitDone(FILES);
        } finally {
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        try (Stream<Path> arrived = Files.list(nas)) {
            List<String> names = arrived.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).as("no temporaries, no duplicates").hasSize(FILES).allMatch(n -> n.matches("frame-\\d{3}\\.dat"));
        }
        for (int i = 0; i < FILES; i++) {
            String name = String.format("frame-%03d.dat", i);
            assertThat(Files.mismatch(incoming.resolve(name), nas.resolve(name))).as(name + " byte for byte").isEqualTo(-1);
        }
        Map<String, Integer> done = doneCounts();
        assertThat(done).hasSize(FILES);
        assertThat(done.values()).as("each file DONE exactly once in the journal").allMatch(n -> n == 1);
    }

    private Map<String, Integer> doneCounts() throws IOException {
        Map<String, Integer> done = new TreeMap<>();
        Path journal = home.resolve("journal/move-nas.log");
        if (Files.exists(journal)) {
            for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                if (line.startsWith("DONE\t")) {
                    done.merge(line.substring(line.lastIndexOf('\t') + 1), 1, Integer::sum);
                }
            }
        }
        return done;
    }

    private void awaitDone(int files) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (doneCounts().size() < files && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private Process start(String run) throws IOException {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcondenser.home=" + home, "-Dlaunch.storage.dir=" + home.resolve("framework"), "-jar",
                FEATURE_LISTS.resolve("demo.jar").toString()));
        return new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(home.resolve(run + ".log").toFile()).start();
    }

    private static int count(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".dat")).count();
        }
    }

    private void awaitFiles(Path folder, int atLeast, Process runtime) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count(folder) < atLeast) {
            if (!runtime.isAlive()) {
                throw new AssertionError("the runtime exited: " + Files.readString(home.resolve("first.log")));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + count(folder) + " of " + atLeast + " files arrived");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
