package org.condenser.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, on loopback only: it renders a page, runs its scripts for a while,
 * and gives back the resulting DOM or a screenshot. Every start gets a new empty profile, and the
 * flags keep it from reaching for Google's services (this machine's network is closed).
 */
final class Chromium {

    static final String BINARY = "/usr/bin/chromium";

    private Chromium() {
    }

    static boolean installed() {
        return Files.isExecutable(Path.of(BINARY));
    }

    private static String run(Path work, String url, List<String> what) throws IOException, InterruptedException {
        if (!installed()) {
            throw new AssertionError(BINARY + " is missing: install Debian's chromium (.ci/run does)");
        }
        Path profile = Files.createTempDirectory(work, "profile");
        List<String> command = new ArrayList<>(List.of(BINARY, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--timeout=3000", "--window-size=1400,1100"));
        command.addAll(what);
        command.add(url);
        Path out = work.resolve("chromium-" + System.nanoTime() + ".out");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(work.resolve("chromium.err").toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish with " + url + " in 60 s");
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The page's DOM after its scripts ran for about three seconds. */
    static String dom(Path work, String url) throws IOException, InterruptedException {
        return run(work, url, List.of("--dump-dom"));
    }

    /** A screenshot of the page after its scripts ran for about three seconds. */
    static void screenshot(Path work, String url, Path png) throws IOException, InterruptedException {
        run(work, url, List.of("--screenshot=" + png));
    }
}
