package org.condenser.dataplane.internal.stream;

import java.time.Duration;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * The ZeroMQ sockets between a receiving node and its workers, made safe against JeroMQ 0.6.0's
 * connect race (jeromq PR #1022): a connecting socket sometimes never finishes its handshake, and a
 * message handed to it then is lost. Bound sockets therefore tear a stalled handshake down after
 * 500 ms (the peer reconnects), and a pushing socket sends only after its handshake completed.
 */
final class ZmqLinks {

    private ZmqLinks() {
    }

    /** A PULL socket bound to {@code endpoint}, polling every 100 ms. */
    static ZMQ.Socket bindPull(ZContext context, String endpoint) {
        ZMQ.Socket socket = context.createSocket(SocketType.PULL);
        socket.setHandshakeIvl(500);
        socket.setReceiveTimeOut(100);
        socket.setRcvHWM(256);
        socket.bind(endpoint);
        return socket;
    }

    /** The port a socket bound (useful with {@code tcp://127.0.0.1:*}). */
    static String boundEndpoint(ZMQ.Socket socket) {
        return socket.getLastEndpoint();
    }

    /** A PUSH socket connected to one peer, sending only once the handshake with it is complete. */
    static final class Push implements AutoCloseable {
        private final ZMQ.Socket socket;
        private final ZMonitor monitor;
        private final String endpoint;
        private final int timeoutMillis;
        private boolean ready;

        Push(ZContext context, String endpoint, int timeoutMillis) {
            this.endpoint = endpoint;
            this.timeoutMillis = timeoutMillis;
            socket = context.createSocket(SocketType.PUSH);
            socket.setHandshakeIvl(500);
            socket.setSndHWM(256);
            socket.setLinger(5000);
            socket.setSendTimeOut(timeoutMillis);
            monitor = new ZMonitor(context, socket);
            monitor.add(ZMonitor.Event.HANDSHAKE_PROTOCOL);
            monitor.start();
            socket.connect(endpoint);
        }

        String endpoint() {
            return endpoint;
        }

        /** Sends {@code length} bytes (copied); the first send waits for the handshake. */
        void send(byte[] data, int length, boolean more) {
            if (!ready) {
                ZMonitor.ZEvent event = monitor.nextEvent((int) Duration.ofMillis(timeoutMillis).toMillis());
                if (event == null) {
                    throw new IllegalStateException("no handshake with " + endpoint + " within " + timeoutMillis
                            + " ms (is the worker running?)");
                }
                ready = true;
            }
            if (!socket.send(data, 0, length, more ? ZMQ.SNDMORE : 0)) {
                throw new IllegalStateException(endpoint + " took no message within " + timeoutMillis + " ms");
            }
        }

        void send(byte[] data, boolean more) {
            send(data, data.length, more);
        }

        @Override
        public void close() {
            monitor.close();
            socket.close();
        }
    }
}
