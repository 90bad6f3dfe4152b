package org.condenser.itests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;

/**
 * The real Pyro4 daemon (Debian's python3-pyro4 under /usr/bin/python3) running Condenser's Swift
 * companion, runtime/python/condenser_swift_server.py, over a stand-in of Swift's STEM controller.
 * Loopback only.
 */
final class SwiftCompanion implements AutoCloseable {

    final int port;
    final Path keyFile;
    private final Path companion;
    private final Path standins;
    private final Path log;
    private Process process;

    SwiftCompanion(BundleContext context, Path work, String key) throws IOException {
        this.companion = Path.of(context.getProperty("condenser.itest.runtime"), "python", "condenser_swift_server.py");
        this.standins = Path.of(context.getProperty("condenser.itest.python"));
        Files.createDirectories(work);
        this.keyFile = work.resolve("swift.key");
        Files.writeString(keyFile, key + "\n", StandardCharsets.UTF_8);
        this.log = work.resolve("companion.log");
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
    }

    SwiftCompanion start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(Python.INTERPRETER, "-u", companion.toString(), "--host",
                "127.0.0.1", "--port", String.valueOf(port), "--key-file", keyFile.toString(), "--stem-controller",
                "swift_standin:create"));
        builder.environment().put("PYTHONPATH", standins.toString());
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        Await.until("the Swift companion listens on " + port, Duration.ofSeconds(30), this::listening, this::logText);
        return this;
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the companion exited: " + logText());
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Kills the daemon as a crash would (SIGKILL). */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
