package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported feature sets, run as a user or a script runs them: {@code java -jar demo.jar <command>}
 * in a fresh home, then again in the same home.
 */
class FeatureSetLaunchTest {

    private static final Path FEATURE_LISTS = Path.of(System.getProperty("condenser.featurelists",
            "../../featurelists/target"));
    private static final Path FIXTURES = Path.of(System.getProperty("condenser.fixtures", "target/fixtures"));

    @TempDir
    Path home;

    record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void oneShotStatusRunsTheCommandAfterStartUpAndExits() throws Exception {
        Run run = launch("demo", "cnd:status");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("feature set demo").contains("home         " + home)
                .contains("components   all satisfied");
        // Every bundle is active but the interactive console, which a one-shot command never starts.
        assertThat(run.stdout()).containsPattern("bundles +(\\d+) active of \\d+\n  components");
    }

    @Test
    void healthExitCodeIsZeroWhenHealthyAndOneWhenNot() throws Exception {
        Run healthy = launch("demo", "cnd:health");
        assertThat(healthy.exitCode()).as(healthy.stderr()).isZero();
        assertThat(healthy.stdout()).contains("OK");

        Files.copy(FIXTURES.resolve("org.condenser.itest.brokendriver.jar"), home.resolve("deploy/broken-driver.jar"));
        // FileInstall installs deploy/ inside its own activation, before the command runs.
        Run unhealthy = launch("demo", "cnd:health");
        assertThat(unhealthy.exitCode()).isEqualTo(1);
        assertThat(unhealthy.stdout()).contains("NOT OK").contains("org.condenser.driver.broken")
                .contains("refused the connection");
    }

    @Test
    void unknownCommandExitsWithTwoAndSaysSo() throws Exception {
        Run run = launch("demo", "cnd:frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("no command 'cnd:frobnicate'");
    }

    @Test
    void frameworkStateSurvivesARestart() throws Exception {
        assertThat(launch("demo", "cnd:status").exitCode()).isZero();
        List<String> installedFirst = bundleCacheEntries();
        assertThat(installedFirst).isNotEmpty();
        assertThat(home.resolve("conf/org.condenser.core.log.cfg")).exists();
        Files.writeString(home.resolve("conf/org.condenser.core.log.cfg"), "fileLevel = DEBUG\n");

        Run second = launch("demo", "cnd:status");
        assertThat(second.exitCode()).as(second.stderr()).isZero();
        assertThat(bundleCacheEntries()).as("no bundle was installed again").isEqualTo(installedFirst);
        // FileInstall may write the configuration back in its own layout; the value is what must stay.
        assertThat(Files.readString(home.resolve("conf/org.condenser.core.log.cfg")))
                .as("an edited configuration is kept, not re-seeded").contains("DEBUG").doesNotContain("consoleLevel");
    }

    @Test
    void headlessFeatureSetHasNoShellAndSaysSo() throws Exception {
        Run run = launch("headless", "cnd:status");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("this feature set has no shell");
        assertThat(run.stdout()).doesNotContain("g!");
    }

    /** The bundle cache's folders: one per installed bundle, numbered by bundle id. */
    private List<String> bundleCacheEntries() throws IOException {
        try (Stream<Path> entries = Files.list(home.resolve("framework"))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("bundle")).sorted()
                    .toList();
        }
    }


    private Run launch(String featureSet, String... command) throws Exception {
        Files.createDirectories(home.resolve("deploy"));
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcondenser.home=" + home, "-Dlaunch.storage.dir=" + home.resolve("framework"),
                "-jar", FEATURE_LISTS.resolve(featureSet + ".jar").toString()));
        args.addAll(List.of(command));
        Path out = Files.createTempFile(home, "stdout", ".txt");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        Process process = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + featureSet + ".jar " + String.join(" ", command)
                    + " did not exit within 120 s; stdout: " + Files.readString(out));
        }
        Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return run;
    }
}
