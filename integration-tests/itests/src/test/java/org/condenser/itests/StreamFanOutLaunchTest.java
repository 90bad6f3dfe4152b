package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live 4D-STEM fanned out over runtimes on one machine: the demo runtime receives the simulated
 * detector's DECTRIS stream and sends frames by index to two headless runtimes working as fan-out
 * workers, which reduce them and send their partial virtual images back to be merged. The merged
 * image is checked in h5py against a run reduced on the receiving node alone.
 */
class StreamFanOutLaunchTest {

    private static final Path FEATURE_LISTS = Path.of(System.getProperty("condenser.featurelists",
            "../../featurelists/target"));
    private static final Pattern RESULT = Pattern.compile("arina: (\\S+) complete, (\\d+) frames in .*\\n\\s+(\\S+\\.emd)");

    @TempDir
    Path folder;

    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process worker : workers) {
            worker.destroy();
            if (!worker.waitFor(20, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        }
    }

    @Test
    void twoWorkerRuntimesReduceHalfTheFramesEachAndTheMergedImageMatchesALocalRun() throws Exception {
        int[] ports = { freePort(), freePort() };
        for (int i = 0; i < 2; i++) {
            Path home = Files.createDirectories(folder.resolve("worker-" + (i + 1)));
            Path conf = Files.createDirectories(home.resolve("conf"));
            Files.writeString(conf.resolve("org.condenser.stream.worker-w.cfg"), "name = w" + (i + 1)
                    + "\nlisten = tcp://127.0.0.1:" + ports[i] + "\nthreads = 1\n");
            workers.add(start("headless", home, home.resolve("runtime.log")));
        }
        for (int i = 0; i < 2; i++) {
            awaitListening(ports[i], workers.get(i), folder.resolve("worker-" + (i + 1) + "/runtime.log"));
        }

        Path demo = Files.createDirectories(folder.resolve("demo"));
        String fannedOut = oneShot(demo, "cnd:stream", "start", "arina", "adf", "--workers",
                "tcp://127.0.0.1:" + ports[0] + ",tcp://127.0.0.1:" + ports[1], "--wait");
        assertThat(fannedOut).contains("on 2 workers", "per worker {w1=2048, w2=2048}");
        Matcher spread = RESULT.matcher(fannedOut);
        assertThat(spread.find()).as(fannedOut).isTrue();
        assertThat(spread.group(2)).isEqualTo("4096");

        String local = oneShot(demo, "cnd:stream", "start", "arina", "adf", "--wait");
        assertThat(local).contains("on this node");
        Matcher here = RESULT.matcher(local);
        assertThat(here.find()).as(local).isTrue();

        // Two scans of the same field: the same lattice under new shot noise. Fan-out must neither lose
        // nor double frames, nor misplace them: the images agree in level and correlate closely.
        String compared = Python.run("""
                import sys, h5py, numpy
                def image(path):
                    with h5py.File(path, 'r') as f:
                        group = f['data'][list(f['data'])[0]]
                        return group['data'][()].astype(numpy.float64)
                a, b = image(sys.argv[1]), image(sys.argv[2])
                print(a.shape, '%.4f %.4f' % (a.mean() / b.mean(), numpy.corrcoef(a.ravel(), b.ravel())[0, 1]))
                """, demo.resolve(spread.group(3)).toString(), demo.resolve(here.group(3)).toString()).strip();
        String[] figures = compared.substring(compared.indexOf(')') + 2).split(" ");
        assertThat(compared).startsWith("(64, 64)");
        assertThat(Double.parseDouble(figures[0])).as("mean ratio, " + compared).isBetween(0.97, 1.03);
        assertThat(Double.parseDouble(figures[1])).as("correlation, " + compared).isGreaterThan(0.8);
        System.out.println("fan-out vs local: " + compared);
    }

    private String oneShot(Path home, String... command) throws Exception {
        Path log = Files.createTempFile(home, "run", ".log");
        List<String> args = new ArrayList<>(java(home));
        args.add(FEATURE_LISTS.resolve("demo.jar").toString());
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private Process start(String featureSet, Path home, Path log) throws IOException {
        List<String> args = new ArrayList<>(java(home));
        args.add(FEATURE_LISTS.resolve(featureSet + ".jar").toString());
        return new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> java(Path home) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dcondenser.home=" + home,
                "-Dlaunch.storage.dir=" + home.resolve("framework"), "-jar");
    }

    private static void awaitListening(int port, Process runtime, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!runtime.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("no worker listening on " + port + ": " + Files.readString(log));
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
