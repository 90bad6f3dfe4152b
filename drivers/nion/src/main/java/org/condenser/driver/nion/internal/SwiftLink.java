package org.condenser.driver.nion.internal;

import java.io.IOException;

import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.RecordStatus;

import net.razorvine.pyro.PyroException;

/**
 * The one connection to the companion inside Swift. Calls are made one at a time; a failed
 * connection is dropped and opened again on the next call.
 *
 * <p>Three kinds of failure, told apart because they mean different things to an operator:
 * the peer refused our key ({@link KeyRefused}), the peer is unreachable or went silent
 * ({@link IOException}), and Swift itself raised ({@link InstrumentException}, the connection fine).
 */
final class SwiftLink implements AutoCloseable {

    static final String OBJECT_ID = "condenser.swift";

    /** The companion and we do not share a key. */
    static final class KeyRefused extends IOException {
        private static final long serialVersionUID = 1L;

        KeyRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String host;
    private final int port;
    private final byte[] key;
    private final int timeoutMillis;
    private TimedPyroProxy proxy;

    SwiftLink(String host, int port, byte[] key, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.key = key.clone();
        this.timeoutMillis = timeoutMillis;
    }

    String address() {
        return host + ":" + port;
    }

    synchronized Object call(String method, Object... arguments) throws IOException, InstrumentException {
        if (proxy == null) {
            proxy = new TimedPyroProxy(host, port, OBJECT_ID, key, timeoutMillis);
        }
        try {
            return proxy.call(method, arguments);
        } catch (PyroException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("hmac")) {
                drop();
                throw new KeyRefused("the Swift companion at " + address() + " refused our HMAC key (" + message + ")", e);
            }
            if (e.getCause() instanceof IOException io) {
                drop();
                throw io;
            }
            // Swift raised: the link is fine, the command was not.
            throw new InstrumentException(RecordStatus.FAILED, "Swift: " + remoteMessage(e), e);
        } catch (IOException e) {
            drop();
            throw e;
        } catch (RuntimeException e) {
            // A broken stream shows up as a runtime exception from the unpickler; the link cannot be trusted.
            drop();
            throw new IOException("the link to " + address() + " broke: " + e, e);
        }
    }

    private static String remoteMessage(PyroException e) {
        String remote = e._pyroTraceback;
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = remote == null ? e.toString() : remote.strip().lines().reduce((a, b) -> b).orElse(remote);
        }
        return message;
    }

    private void drop() {
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
