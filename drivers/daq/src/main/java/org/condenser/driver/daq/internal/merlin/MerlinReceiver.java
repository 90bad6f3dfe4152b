package org.condenser.driver.daq.internal.merlin;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.condenser.api.data.Codec;
import org.condenser.api.data.FrameAllocator;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.SeriesInfo;
import org.condenser.api.data.WritableFrame;
import org.condenser.driver.daq.internal.ReceiverSource;

/**
 * Reads a Merlin data channel (TCP, {@code MPX} framing) into pooled frames: the {@code HDR}
 * acquisition header opens a series, {@code MQ1} frames follow with big-endian pixels, converted to
 * little-endian on the way into the pool. A series is complete when its announced frame count has
 * arrived. Problems are counted and described, and reading goes on with the next good message:
 * framing lost (it looks for the next {@code MPX,}), a header that does not add up, an unknown
 * pixel type, a frame outside a series, a truncated frame or a peer gone in the middle of a series
 * (it reconnects).
 */
final class MerlinReceiver implements ReceiverSource.Receiving {

    private final String host;
    private final int port;
    private final int[] scanShape;
    private final FrameAllocator pool;
    private final FrameSink sink;
    private final Consumer<String> problems;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Socket socket;
    private byte[] body = new byte[1 << 16];
    private int series;
    private Map<String, String> header;
    private long expected;
    private long arrived;
    private String seriesId;
    private MerlinMessages.FrameHeader first;
    private Map<String, Object> attributes = Map.of();
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();

    MerlinReceiver(String host, int port, int[] scanShape, FrameAllocator pool, FrameSink sink, Consumer<String> problems) {
        this.host = host;
        this.port = port;
        this.scanShape = scanShape.clone();
        this.pool = pool;
        this.sink = sink;
        this.problems = problems;
        for (String name : new String[] { "messages", "frames", "malformed", "framing lost", "outside a series",
                "pool full", "disconnects mid-series", "series completed" }) {
            counts.put(name, new AtomicLong());
        }
        this.thread = new Thread(this::run, "condenser-merlin-" + host + ":" + port);
        thread.setDaemon(true);
    }

    MerlinReceiver start() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try (Socket connected = new Socket()) {
                connected.connect(new InetSocketAddress(host, port), 2000);
                socket = connected;
                read(new DataInputStream(new BufferedInputStream(connected.getInputStream(), 1 << 20)));
            } catch (IOException e) {
                if (running && seriesId != null) {
                    count("disconnects mid-series");
                    problem("the data channel closed in the middle of " + seriesId + " (" + arrived + " of " + expected
                            + " frames): " + (e instanceof EOFException ? "it ended in the middle of a message"
                                    : e.getMessage()));
                    endSeries(false);
                }
            }
            sleep(200);
        }
    }

    private void read(DataInputStream in) throws IOException {
        byte[] prefix = new byte[MerlinMessages.PREFIX];
        while (running) {
            in.readFully(prefix);
            int length;
            try {
                length = MerlinMessages.length(prefix);
            } catch (IllegalArgumentException e) {
                count("framing lost");
                problem("framing lost: " + e.getMessage() + "; looking for the next MPX,");
                resynchronise(in, prefix);
                length = MerlinMessages.length(prefix);
            }
            if (body.length < length) {
                body = new byte[length];
            }
            in.readFully(body, 0, length);
            count("messages");
            try {
                handle(length);
            } catch (IllegalArgumentException e) {
                count("malformed");
                problem("message skipped: " + e.getMessage());
            }
        }
    }

    /** Reads on until the last 15 bytes are a valid prefix again. */
    private static void resynchronise(InputStream in, byte[] window) throws IOException {
        while (true) {
            System.arraycopy(window, 1, window, 0, window.length - 1);
            int next = in.read();
            if (next < 0) {
                throw new EOFException("the stream ended while looking for MPX,");
            }
            window[window.length - 1] = (byte) next;
            if (window[0] == 'M' && window[1] == 'P' && window[2] == 'X' && window[3] == ',') {
                try {
                    MerlinMessages.length(window);
                    return;
                } catch (IllegalArgumentException notYet) {
                    // "MPX," inside pixel data; keep looking
                }
            }
        }
    }

    private void handle(int length) {
        if (length >= 4 && body[0] == 'H' && body[1] == 'D' && body[2] == 'R') {
            if (seriesId != null) {
                problem(seriesId + " ended after " + arrived + " of " + expected + " frames: a new acquisition began");
                endSeries(false);
            }
            header = MerlinMessages.acquisitionHeader(body, length);
            expected = MerlinMessages.framesInAcquisition(header);
            arrived = 0;
            first = null;
            seriesId = "merlin-" + (++series);
            return;
        }
        if (length < 4 || body[0] != 'M' || body[1] != 'Q' || body[2] != '1') {
            throw new IllegalArgumentException("a data message must be HDR or MQ1, not '"
                    + MerlinMessages.printable(new String(body, 0, Math.min(length, 8), java.nio.charset.StandardCharsets.US_ASCII))
                    + "'");
        }
        MerlinMessages.FrameHeader frame = MerlinMessages.frameHeader(body, length);
        if (seriesId == null) {
            count("outside a series");
            problem("frame " + frame.sequence() + " arrived outside an acquisition (no HDR before it)");
            return;
        }
        if (frame.sequence() < 1 || frame.sequence() > expected) {
            count("outside a series");
            problem("frame " + frame.sequence() + " is outside " + seriesId + "'s 1.." + expected);
            return;
        }
        if (first == null) {
            first = frame;
            Map<String, Object> plain = new LinkedHashMap<>(header);
            plain.put("layout", frame.layout());
            plain.put("chips", frame.chips());
            attributes = Map.copyOf(plain);
            sink.seriesStarted(new SeriesInfo(seriesId, expected, scanShape, frame.dtype(),
                    new int[] { frame.height(), frame.width() }, attributes));
        } else if (frame.dtype() != first.dtype() || frame.width() != first.width() || frame.height() != first.height()) {
            throw new IllegalArgumentException("frame " + frame.sequence() + " is " + frame.width() + "x" + frame.height()
                    + " " + frame.dtype() + ", the acquisition began with " + first.width() + "x" + first.height() + " "
                    + first.dtype());
        }
        handOn(frame);
        if (++arrived == expected) {
            count("series completed");
            endSeries(true);
        }
    }

    private void handOn(MerlinMessages.FrameHeader frame) {
        long index = frame.sequence() - 1;
        int[] position = scanShape.length == 2 && index < (long) scanShape[0] * scanShape[1]
                ? new int[] { (int) (index / scanShape[1]), (int) (index % scanShape[1]) } : null;
        org.condenser.api.data.FrameHeader header = new org.condenser.api.data.FrameHeader(seriesId, index, position,
                System.currentTimeMillis() * 1_000_000L, frame.dtype(), new int[] { frame.height(), frame.width() },
                Codec.NONE);
        WritableFrame pooled;
        try {
            pooled = pool.allocate(header, frame.pixelBytes(), attributes, 50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (pooled == null) {
            count("pool full");
            return;
        }
        ByteBuffer big = ByteBuffer.wrap(body, frame.dataOffset(), frame.pixelBytes()).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer little = pooled.writable();
        switch (frame.dtype()) {
            case UINT8 -> little.put(big);
            case UINT16 -> little.asShortBuffer().put(big.asShortBuffer());
            case UINT32 -> little.asIntBuffer().put(big.asIntBuffer());
            default -> throw new IllegalStateException("unreachable: " + frame.dtype());
        }
        count("frames");
        sink.frame(pooled);
    }

    private void endSeries(boolean complete) {
        if (first != null) {
            sink.seriesEnded(seriesId, complete);
        }
        seriesId = null;
        first = null;
    }

    private void count(String what) {
        counts.get(what).incrementAndGet();
    }

    private void problem(String what) {
        problems.accept(what);
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> now = new LinkedHashMap<>();
        counts.forEach((name, count) -> now.put(name, count.get()));
        return now;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        Socket open = socket;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // closing to unblock the reader; nothing to report
            }
        }
        thread.interrupt();
        thread.join(5000);
    }
}
