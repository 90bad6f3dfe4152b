package org.condenser.telemetry.mqtt.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Telemetry waiting to be sent, bounded: while the broker is unreachable messages wait here; when
 * full, the oldest message goes, counted. A retained topic keeps only its latest value (an older
 * value still waiting is replaced, not counted as dropped), so a long outage costs only the
 * history of events, never the current state.
 */
final class OutboundBuffer {

    record Message(String topic, byte[] payload, int qos, boolean retained) {
    }

    /** Figures: waiting now, taken in, dropped when full, replaced by a newer retained value. */
    record Counts(int waiting, int capacity, long offered, long dropped, long superseded) {
    }

    private final int capacity;
    private final ArrayDeque<Message> waiting = new ArrayDeque<>();
    private long offered;
    private long dropped;
    private long superseded;

    OutboundBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("bufferSize must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void offer(Message message) {
        offered++;
        if (message.retained()) {
            for (Iterator<Message> it = waiting.iterator(); it.hasNext();) {
                Message older = it.next();
                if (older.retained() && older.topic().equals(message.topic())) {
                    it.remove();
                    superseded++;
                    break;
                }
            }
        }
        if (waiting.size() == capacity) {
            waiting.pollFirst();
            dropped++;
        }
        waiting.addLast(message);
        notifyAll();
    }

    /** The oldest message, waiting up to {@code timeout} for one; null when none came. */
    synchronized Message take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (waiting.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return waiting.pollFirst();
    }

    /** Puts back a message that could not be sent, first in line, unless a newer retained value came meanwhile. */
    synchronized void putBack(Message message) {
        if (message.retained() && waiting.stream().anyMatch(m -> m.retained() && m.topic().equals(message.topic()))) {
            superseded++;
            return;
        }
        if (waiting.size() == capacity) {
            dropped++;
            return;
        }
        waiting.addFirst(message);
        notifyAll();
    }

    synchronized Counts counts() {
        return new Counts(waiting.size(), capacity, offered, dropped, superseded);
    }
}
