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
    private boolean secure;

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

    /**
     * Makes this broker TLS-only with passwords: a CA and a server certificate for 127.0.0.1 (openssl),
     * a password file with one user (mosquitto_passwd), and a listener that refuses anonymous
     * clients. Returns the CA certificate, for the clients' trust store.
     */
    Path secure(String user, String password) throws IOException, InterruptedException {
        exec("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=condenser-it-ca",
                "-keyout", folder.resolve("ca.key").toString(), "-out", folder.resolve("ca.crt").toString());
        exec("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", folder.resolve("server.key").toString(), "-out", folder.resolve("server.csr").toString());
        Files.writeString(folder.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        exec("openssl", "x509", "-req", "-in", folder.resolve("server.csr").toString(), "-CA",
                folder.resolve("ca.crt").toString(), "-CAkey", folder.resolve("ca.key").toString(), "-CAcreateserial",
                "-days", "2", "-extfile", folder.resolve("san.ext").toString(), "-out",
                folder.resolve("server.crt").toString());
        Path passwords = folder.resolve("passwd");
        exec("mosquitto_passwd", "-b", "-c", passwords.toString(), user, password);
        for (String file : new String[] { "ca.crt", "server.crt", "server.key", "passwd" }) {
            // the broker reads them after dropping to its own user
            Files.setPosixFilePermissions(folder.resolve(file),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.writeString(folder.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous false\n"
                + "password_file " + passwords + "\ncafile " + folder.resolve("ca.crt") + "\ncertfile "
                + folder.resolve("server.crt") + "\nkeyfile " + folder.resolve("server.key")
                // a log file is written line by line (stdout into a file is buffered until exit)
                + "\nlog_dest file " + folder.resolve("broker.log") + "\n");
        secure = true;
        return folder.resolve("ca.crt");
    }

    private void exec(String... command) throws IOException, InterruptedException {
        Process step = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("setup.log").toFile())).start();
        if (step.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(folder.resolve("setup.log")));
        }
    }

    int port() {
        return port;
    }

    String url() {
        return (secure ? "ssl" : "tcp") + "://127.0.0.1:" + port;
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
