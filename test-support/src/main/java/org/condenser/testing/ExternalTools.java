package org.condenser.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference tools the data plane's tests check against (Debian's Python with h5py, bitshuffle,
 * lz4, cbor2; xxhsum, zstd, ssh-keygen): run one, wait for it, hand back what it printed.
 */
public final class ExternalTools {

    /** Debian's interpreter, where the python3-* packages are installed. */
    public static final String PYTHON = "/usr/bin/python3";

    private ExternalTools() {
    }

    /** Runs a command; returns its output, stripped; fails with the output if it fails or hangs. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!finished) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 120 s: " + output);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
        }
        return output;
    }

    /** Runs a Python script with arguments under {@link #PYTHON}. */
    public static String python(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }
}
