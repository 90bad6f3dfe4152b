package org.condenser.driver.daq.internal;

import java.time.Duration;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * The bound ZeroMQ PUSH socket a detector sends from, which sends only once a receiver has completed
 * its handshake. JeroMQ 0.6.0 takes a message into a connection still handshaking, and a connecting
 * peer sometimes never finishes its handshake (jeromq PR #1022, measured here on about 15% of fresh
 * loopback connections): that connection then holds the message until it is torn down, and the
 * message is lost. So this socket, and Condenser's receivers on the other end, tear a handshake that
 * has not completed in 500 ms down (both sides must: the stalled side is the one that has to
 * reconnect), and this socket waits for a completed one before sending. A message no receiver takes within the send
 * timeout is an error, not a hang. One thread at a time.
 */
public final class PushSocket implements AutoCloseable {

    private final ZContext context = new ZContext();
    private final ZMQ.Socket socket;
    private final ZMonitor monitor;
    private final int timeoutMillis;
    private int peers;

    public PushSocket(String endpoint, int highWaterMark, int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
        socket = context.createSocket(SocketType.PUSH);
        socket.setSndHWM(highWaterMark);
        socket.setLinger(2000);
        socket.setSendTimeOut(timeoutMillis);
        socket.setHandshakeIvl(500);
        monitor = new ZMonitor(context, socket);
        monitor.add(ZMonitor.Event.HANDSHAKE_PROTOCOL, ZMonitor.Event.DISCONNECTED);
        monitor.start();
        socket.bind(endpoint);
    }

    /** The port bound (useful with {@code tcp://127.0.0.1:*}). */
    public int port() {
        String last = socket.getLastEndpoint();
        return Integer.parseInt(last.substring(last.lastIndexOf(':') + 1));
    }

    /** Receivers connected now. */
    public int receivers() {
        ZMonitor.ZEvent event;
        while ((event = monitor.nextEvent(0)) != null) {
            count(event);
        }
        return peers;
    }

    /**
     * A completed handshake adds a receiver, a disconnect takes one away; never below none, since a
     * connection torn down before its handshake completed was never counted.
     */
    private void count(ZMonitor.ZEvent event) {
        peers = event.type == ZMonitor.Event.DISCONNECTED ? Math.max(0, peers - 1) : peers + 1;
    }

    /** Waits until at least {@code count} receivers are connected; false if they were not within {@code longest}. */
    public boolean awaitReceivers(int count, Duration longest) {
        long deadline = System.nanoTime() + longest.toNanos();
        while (receivers() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            ZMonitor.ZEvent event = monitor.nextEvent((int) Math.max(1, Math.min(100, left / 1_000_000)));
            if (event != null) {
                count(event);
            }
        }
        return true;
    }

    /** Sends {@code length} bytes of {@code data} (copied: the array may be reused at once). */
    public void send(byte[] data, int offset, int length, boolean more) {
        if (peers <= 0 && !awaitReceivers(1, Duration.ofMillis(timeoutMillis))) {
            throw new IllegalStateException("no receiver connected within " + timeoutMillis + " ms");
        }
        if (!socket.send(data, offset, length, more ? ZMQ.SNDMORE : 0)) {
            throw new IllegalStateException("no receiver took the message within " + timeoutMillis
                    + " ms (none connected, or all stalled)");
        }
    }

    @Override
    public void close() {
        monitor.close();
        socket.close();
        context.close();
    }
}
