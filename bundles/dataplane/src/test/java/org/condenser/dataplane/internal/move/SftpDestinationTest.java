package org.condenser.dataplane.internal.move;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.condenser.testing.ExternalTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SFTP delivery against a real OpenSSH server (Debian's openssh-server), started by the test on
 * loopback with its own host key, accepting one client key.
 */
class SftpDestinationTest {

    @TempDir
    static Path work;

    private static Process sshd;
    private static int port;
    private static String user;

    @BeforeAll
    static void startSshd() throws Exception {
        Path sshdBinary = Path.of("/usr/sbin/sshd");
        if (!Files.isExecutable(sshdBinary)) {
            throw new IllegalStateException("/usr/sbin/sshd is missing: install Debian's openssh-server (.ci/run does)");
        }
        for (String key : List.of("host_key", "client_key", "other_key")) {
            ExternalTools.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", work.resolve(key).toString());
        }
        Files.copy(work.resolve("client_key.pub"), work.resolve("authorized_keys"));
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        user = System.getProperty("user.name");
        String hostKey = Files.readString(work.resolve("host_key.pub")).strip().split("\\s+", 3)[0] + " "
                + Files.readString(work.resolve("host_key.pub")).strip().split("\\s+", 3)[1];
        Files.writeString(work.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey + "\n");
        String otherKey = Files.readString(work.resolve("other_key.pub")).strip().split("\\s+", 3)[1];
        Files.writeString(work.resolve("wrong_known_hosts"), "[127.0.0.1]:" + port + " ssh-ed25519 " + otherKey + "\n");
        Files.writeString(work.resolve("sshd_config"), String.join("\n",
                "Port " + port, "ListenAddress 127.0.0.1", "HostKey " + work.resolve("host_key"),
                "AuthorizedKeysFile " + work.resolve("authorized_keys"), "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PubkeyAuthentication yes", "UsePAM no", "StrictModes no",
                "PermitRootLogin prohibit-password", "PidFile " + work.resolve("sshd.pid"),
                "Subsystem sftp internal-sftp", "") );
        if ("root".equals(user)) {
            // sshd wants its privilege-separation folder when started as root.
            Files.createDirectories(Path.of("/run/sshd"));
        }
        sshd = new ProcessBuilder(sshdBinary.toString(), "-D", "-e", "-f", work.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("sshd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (!sshd.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("sshd did not start: " + Files.readString(work.resolve("sshd.log")));
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.destroy();
            sshd.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private SftpDestination destination(Path remoteFolder, String key, String knownHosts) {
        return new SftpDestination(URI.create("sftp://" + user + "@127.0.0.1:" + port + remoteFolder),
                work.resolve(key), work.resolve(knownHosts), 10_000);
    }

    private static Path source(String name, int size) throws IOException {
        byte[] data = new byte[size];
        new SplittableRandom(size).nextBytes(data);
        return Files.write(Files.createDirectories(work.resolve("src")).resolve(name), data);
    }

    @Test
    void aFileArrivesVerifiedUnderItsNameWithNoTemporaryLeft() throws Exception {
        Path remote = work.resolve("remote/a/b");
        Path source = source("scan.emd", 3_000_000);
        long[] progress = { 0 };
        Delivery result = destination(remote, "client_key", "known_hosts").deliver(source, n -> progress[0] = n);
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(remote.resolve("scan.emd")));
        assertEquals(VerifiedCopy.hash(source), result.xxh64());
        assertEquals(3_000_000, progress[0]);
        try (var listing = Files.list(remote)) {
            assertEquals(1, listing.count());
        }
        assertTrue(destination(remote, "client_key", "known_hosts").deliver(source, n -> { }).alreadyThere());
    }

    @Test
    void aWrongKeyIsRefusedNamingTheKeyAndUser() throws Exception {
        Path source = source("b.dat", 1000);
        IOException refused = assertThrows(IOException.class,
                () -> destination(work.resolve("remote"), "other_key", "known_hosts").deliver(source, n -> { }));
        assertEquals("the SFTP server 127.0.0.1:" + port + " refused the key " + work.resolve("other_key") + " for user "
                + user, refused.getMessage());
    }

    @Test
    void aHostKeyNotInKnownHostsIsRefusedAndNothingSent() throws Exception {
        Path remote = work.resolve("remote-unknown");
        Path source = source("c.dat", 1000);
        IOException refused = assertThrows(IOException.class,
                () -> destination(remote, "client_key", "wrong_known_hosts").deliver(source, n -> { }));
        assertTrue(refused.getMessage().startsWith("the host key of 127.0.0.1:" + port + " is not the one in "
                + work.resolve("wrong_known_hosts")), refused.getMessage());
        assertFalse(Files.exists(remote));
    }

    @Test
    void otherBytesAlreadyThereAreNeverOverwritten() throws Exception {
        Path remote = Files.createDirectories(work.resolve("remote-clash"));
        Files.writeString(remote.resolve("d.dat"), "someone else's");
        Path source = source("d.dat", 2000);
        IOException clash = assertThrows(IOException.class,
                () -> destination(remote, "client_key", "known_hosts").deliver(source, n -> { }));
        assertTrue(clash.getMessage().contains("already exists with other content"), clash.getMessage());
        assertEquals("someone else's", Files.readString(remote.resolve("d.dat")));
        try (var listing = Files.list(remote)) {
            assertEquals(1, listing.count(), "no temporary left");
        }
    }
}
