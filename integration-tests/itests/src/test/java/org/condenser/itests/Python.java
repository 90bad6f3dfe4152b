package org.condenser.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's Python ({@code /usr/bin/python3}, where python3-numpy, python3-pyro4 and friends
 * are installed) as the real peer or reader a test needs.
 */
final class Python {

    static final String INTERPRETER = "/usr/bin/python3";

    private Python() {
    }

    /** Runs a script with arguments and returns what it printed; fails with its output if it fails. */
    static String run(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(INTERPRETER, "-c", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("python did not finish within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("python failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }

    /** Starts a long-running script file; the caller stops it. */
    static Process start(Path script, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(INTERPRETER, "-u", script.toString()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
