package org.condenser.dataplane.internal.move;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.SftpProgressMonitor;

/**
 * A folder on an SFTP server ({@code sftp://user@host:port/path}), reached with a private key and
 * checked against a known_hosts file (an unknown or changed host key is refused, never accepted).
 * Each file is uploaded under a hidden temporary name while it is hashed, read back over SFTP and
 * hashed again, and renamed into place; other bytes already there are never overwritten.
 */
final class SftpDestination implements Destination {

    private final String user;
    private final String host;
    private final int port;
    private final String folder;
    private final Path privateKey;
    private final Path knownHosts;
    private final int timeoutMillis;

    SftpDestination(URI uri, Path privateKey, Path knownHosts, int timeoutMillis) {
        if (uri.getUserInfo() == null || uri.getHost() == null || uri.getPath() == null || uri.getPath().isEmpty()) {
            throw new IllegalArgumentException("an SFTP destination is sftp://user@host[:port]/folder, not " + uri);
        }
        this.user = uri.getUserInfo();
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 22 : uri.getPort();
        this.folder = uri.getPath();
        this.privateKey = privateKey;
        this.knownHosts = knownHosts;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String describe() {
        return "sftp://" + user + "@" + host + ":" + port + folder;
    }

    @Override
    public Delivery deliver(Path source, LongConsumer progress) throws IOException {
        long start = System.nanoTime();
        String name = source.getFileName().toString();
        String target = folder + "/" + name;
        String temporary = folder + "/." + name + ".part";
        if (!Files.exists(source)) {
            throw new IOException("the source " + source + " does not exist (any more)");
        }
        long size = Files.size(source);
        Session session = null;
        ChannelSftp sftp = null;
        try {
            session = connect();
            sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(timeoutMillis);
            mkdirs(sftp, folder);
            XxHash64 sent = new XxHash64();
            long[] copied = { 0 };
            try (InputStream in = new HashingStream(Files.newInputStream(source), sent)) {
                sftp.put(in, temporary, new Progress(progress, copied), ChannelSftp.OVERWRITE);
            }
            if (copied[0] != size || Files.size(source) != size) {
                throw new IOException("the source " + source + " changed or vanished while it was sent");
            }
            String written = XxHash64.hex(sent.digest());
            String readBack = remoteHash(sftp, temporary);
            if (!readBack.equals(written)) {
                sftp.rm(temporary);
                throw new IOException("the copy of " + source + " on " + describe() + " reads back as xxh64 " + readBack
                        + ", the source was " + written);
            }
            SftpATTRS existing = stat(sftp, target);
            if (existing != null) {
                sftp.rm(temporary);
                if (existing.getSize() == size && remoteHash(sftp, target).equals(written)) {
                    return new Delivery(Path.of(target), size, written, System.nanoTime() - start, true);
                }
                throw new IOException("the destination " + describe() + "/" + name
                        + " already exists with other content; " + source + " is left where it is");
            }
            sftp.rename(temporary, target);
            return new Delivery(Path.of(target), size, written, System.nanoTime() - start, false);
        } catch (JSchException e) {
            throw new IOException(explain(e), e);
        } catch (SftpException e) {
            removeQuietly(sftp, temporary);
            throw new IOException("sending " + source + " to " + describe() + " failed: " + sftpReason(e), e);
        } catch (IOException e) {
            removeQuietly(sftp, temporary);
            throw e;
        } finally {
            if (sftp != null) {
                sftp.disconnect();
            }
            if (session != null) {
                session.disconnect();
            }
        }
    }

    private Session connect() throws JSchException, IOException {
        if (!Files.isReadable(privateKey)) {
            throw new IOException("the private key " + privateKey + " for " + describe() + " cannot be read");
        }
        if (!Files.isReadable(knownHosts)) {
            throw new IOException("the known_hosts file " + knownHosts + " for " + describe() + " cannot be read: "
                    + "without it the server cannot be checked, so nothing is sent");
        }
        JSch jsch = new JSch();
        jsch.addIdentity(privateKey.toString());
        jsch.setKnownHosts(knownHosts.toString());
        Session session = jsch.getSession(user, host, port);
        session.setConfig("StrictHostKeyChecking", "yes");
        session.setConfig("PreferredAuthentications", "publickey");
        session.connect(timeoutMillis);
        return session;
    }

    private String explain(JSchException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Auth fail") || message.contains("USERAUTH fail")) {
            return "the SFTP server " + host + ":" + port + " refused the key " + privateKey + " for user " + user;
        }
        if (message.contains("HostKey") || message.contains("host key")) {
            return "the host key of " + host + ":" + port + " is not the one in " + knownHosts + " (" + message
                    + "); nothing was sent";
        }
        return "cannot reach the SFTP server " + host + ":" + port + ": " + message;
    }

    private static String sftpReason(SftpException e) {
        return switch (e.id) {
            case ChannelSftp.SSH_FX_PERMISSION_DENIED -> "permission denied";
            case ChannelSftp.SSH_FX_NO_SUCH_FILE -> "no such file or folder";
            default -> e.getMessage();
        };
    }

    private static SftpATTRS stat(ChannelSftp sftp, String path) throws SftpException {
        try {
            return sftp.stat(path);
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return null;
            }
            throw e;
        }
    }

    private static void mkdirs(ChannelSftp sftp, String folder) throws SftpException {
        String path = "";
        for (String part : folder.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path += "/" + part;
            if (stat(sftp, path) == null) {
                sftp.mkdir(path);
            }
        }
    }

    private static String remoteHash(ChannelSftp sftp, String path) throws SftpException, IOException {
        XxHash64 hash = new XxHash64();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = sftp.get(path)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                hash.update(ByteBuffer.wrap(buffer, 0, read));
            }
        }
        return XxHash64.hex(hash.digest());
    }

    private static void removeQuietly(ChannelSftp sftp, String path) {
        if (sftp != null && sftp.isConnected()) {
            try {
                sftp.rm(path);
            } catch (SftpException ignored) {
                // Nothing to remove, or the link is gone with it.
            }
        }
    }

    /** Hashes what passes through. */
    private static final class HashingStream extends FilterInputStream {
        private final XxHash64 hash;

        HashingStream(InputStream in, XxHash64 hash) {
            super(in);
            this.hash = hash;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                hash.update(ByteBuffer.wrap(new byte[] { (byte) b }));
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                hash.update(ByteBuffer.wrap(buffer, offset, read));
            }
            return read;
        }
    }

    private record Progress(LongConsumer progress, long[] copied) implements SftpProgressMonitor {
        @Override
        public void init(int op, String src, String dest, long max) {
        }

        @Override
        public boolean count(long count) {
            copied[0] += count;
            progress.accept(copied[0]);
            return true;
        }

        @Override
        public void end() {
        }
    }
}
