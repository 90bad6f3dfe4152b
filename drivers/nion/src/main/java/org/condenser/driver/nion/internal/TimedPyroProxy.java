package org.condenser.driver.nion.internal;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Socket;

import net.razorvine.pyro.PyroProxy;

/**
 * A Pyrolite proxy whose socket gives up on a silent peer. Pyrolite opens its socket without a read
 * timeout, so a Swift that stops answering would hold the caller forever; the socket is private to
 * Pyrolite, hence the reflection, done once per connection.
 */
final class TimedPyroProxy extends PyroProxy {

    private static final long serialVersionUID = 1L;

    private final transient int timeoutMillis;

    TimedPyroProxy(String host, int port, String objectId, byte[] hmacKey, int timeoutMillis) {
        this.hostname = host;
        this.port = port;
        this.objectid = objectId;
        this.pyroHmacKey = hmacKey;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    protected void connect() throws IOException {
        super.connect();
        try {
            Field field = PyroProxy.class.getDeclaredField("sock");
            field.setAccessible(true);
            Socket socket = (Socket) field.get(this);
            if (socket != null) {
                socket.setSoTimeout(timeoutMillis);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            close();
            throw new IOException("cannot set a read timeout on Pyrolite's socket (Pyrolite changed?): " + e, e);
        }
    }
}
