package org.condenser.driver.daq.internal.ncem;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.api.data.FrameAllocator;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.SeriesInfo;
import org.condenser.api.data.WritableFrame;
import org.condenser.driver.daq.internal.ReceiverSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Receives raw 4D Camera frames (ZeroMQ PULL; a 16-byte header then the pixels) into pooled frames.
 * A scan is one series: it starts with the first frame of a new {@code scan_num} and is complete
 * when every scan position has arrived (frames may come in any order, from several sector
 * servers). Problems are counted and described: a message of the wrong shape, a header that does not
 * hold, a frame of another scan while one is under way, a position sent twice, a full pool.
 */
final class FourDCameraReceiver implements ReceiverSource.Receiving {

    private final String endpoint;
    private final int frameHeight;
    private final int frameWidth;
    private final FrameAllocator pool;
    private final FrameSink sink;
    private final Consumer<String> problems;
    private final ZContext context = new ZContext();
    private final Thread thread;
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
    private volatile boolean running = true;
    private long scan = -1;
    private String seriesId;
    private boolean[] arrived = new boolean[0];
    private long arrivedCount;
    private Map<String, Object> attributes = Map.of();

    FourDCameraReceiver(String endpoint, int frameHeight, int frameWidth, FrameAllocator pool, FrameSink sink,
            Consumer<String> problems) {
        this.endpoint = endpoint;
        this.frameHeight = frameHeight;
        this.frameWidth = frameWidth;
        this.pool = pool;
        this.sink = sink;
        this.problems = problems;
        for (String name : new String[] { "messages", "frames", "malformed", "other series", "repeated positions",
                "pool full", "series cut short", "series completed" }) {
            counts.put(name, new AtomicLong());
        }
        thread = new Thread(this::receive, "condenser-4dcamera-" + endpoint);
        thread.setDaemon(true);
    }

    FourDCameraReceiver start() {
        thread.start();
        return this;
    }

    private void receive() {
        ZMQ.Socket socket = context.createSocket(SocketType.PULL);
        socket.setReceiveTimeOut(100);
        socket.setRcvHWM(64);
        socket.setHandshakeIvl(500); // a stalled JeroMQ connect is torn down and retried (see PushSocket)
        socket.connect(endpoint);
        try {
            while (running) {
                byte[] first = socket.recv();
                if (first == null) {
                    continue;
                }
                byte[] second = socket.hasReceiveMore() ? socket.recv() : null;
                int extra = 0;
                while (socket.hasReceiveMore()) {
                    socket.recv();
                    extra++;
                }
                count("messages");
                try {
                    if (second == null || extra > 0) {
                        throw new IllegalArgumentException("a frame message has 2 parts (header, pixels), this one "
                                + (second == null ? 1 : 2 + extra));
                    }
                    handle(first, second);
                } catch (IllegalArgumentException e) {
                    count("malformed");
                    problems.accept("message " + counts.get("messages").get() + " skipped: " + e.getMessage());
                }
            }
        } catch (org.zeromq.ZMQException e) {
            if (running) {
                problems.accept("the stream from " + endpoint + " failed: " + e.getMessage());
            }
        } finally {
            socket.close();
        }
    }

    private void handle(byte[] headerBytes, byte[] pixels) {
        RawFrameHeader header = RawFrameHeader.read(ByteBuffer.wrap(headerBytes));
        if (pixels.length != frameHeight * frameWidth * 2) {
            throw new IllegalArgumentException("frame " + header.frameNumber() + ": " + pixels.length + " bytes of pixels, "
                    + frameHeight + "x" + frameWidth + " uint16 need " + frameHeight * frameWidth * 2);
        }
        if (header.scanNumber() != scan) {
            if (seriesId != null && header.frameNumber() != 0) {
                count("other series");
                problems.accept("frame " + header.frameNumber() + " of scan " + header.scanNumber() + " arrived during scan "
                        + scan);
                return;
            }
            begin(header);
        }
        long position = header.positionIndex();
        if (arrived[(int) position]) {
            count("repeated positions");
            problems.accept("scan " + scan + " position (" + header.x() + ", " + header.y() + ") arrived twice");
            return;
        }
        FrameHeader frameHeader = new FrameHeader(seriesId, position, new int[] { header.y(), header.x() },
                System.currentTimeMillis() * 1_000_000L, DType.UINT16, new int[] { frameHeight, frameWidth }, Codec.NONE);
        WritableFrame frame;
        try {
            frame = pool.allocate(frameHeader, pixels.length, attributes, 50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (frame == null) {
            count("pool full");
            return;
        }
        frame.writable().put(pixels);
        arrived[(int) position] = true;
        count("frames");
        sink.frame(frame);
        if (++arrivedCount == arrived.length) {
            count("series completed");
            sink.seriesEnded(seriesId, true);
            seriesId = null;
        }
    }

    private void begin(RawFrameHeader header) {
        if (seriesId != null) {
            count("series cut short");
            problems.accept("scan " + scan + " ended with " + arrivedCount + " of " + arrived.length + " positions: scan "
                    + header.scanNumber() + " began");
            sink.seriesEnded(seriesId, false);
        }
        scan = header.scanNumber();
        seriesId = "4dcamera-" + scan;
        arrived = new boolean[Math.multiplyExact(header.scanWidth(), header.scanHeight())];
        arrivedCount = 0;
        attributes = Map.of("scan_num", scan);
        sink.seriesStarted(new SeriesInfo(seriesId, arrived.length, new int[] { header.scanHeight(), header.scanWidth() },
                DType.UINT16, new int[] { frameHeight, frameWidth }, attributes));
    }

    private void count(String what) {
        counts.get(what).incrementAndGet();
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> now = new LinkedHashMap<>();
        counts.forEach((name, count) -> now.put(name, count.get()));
        return now;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        context.close();
    }
}
