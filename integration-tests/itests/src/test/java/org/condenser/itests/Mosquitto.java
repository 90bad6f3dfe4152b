package org.condenser.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}) on loopback, started by a test, anonymous. It
 * keeps its sessions and retained messages across a restart (as a broker restarted by its
 * administrator does) until {@link #forget} wipes them (as a broker that lost its disk would).
 */
final class Mosquitto implements AutoCloseable {

    static final String BINARY = "/usr/sbin/mosquitto";

    private final Path folder;
    private final int port;
    private Process process;

    Mosquitto(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = free.getLocalPort();
        }
        // the broker drops from root to its own user, which must be able to write its database here
        Files.setPosixFilePermissions(folder, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(folder.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + "persistence true\npersistence_location " + folder + "/\nlog_dest stdout\n"
                // a subscriber slower than a burst must not lose messages at the broker (its default keeps 1000)
                + "max_queued_messages 0\n");
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY, "-c", folder.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("mosquitto.log")
                        .toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(folder.resolve("mosquitto.log")));
                }
                process.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Wipes what the stopped broker kept: its next start knows no session, subscription or retained message. */
    void forget() throws IOException {
        Files.deleteIfExists(folder.resolve("mosquitto.db"));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
