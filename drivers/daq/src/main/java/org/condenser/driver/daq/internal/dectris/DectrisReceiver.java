package org.condenser.driver.daq.internal.dectris;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.condenser.api.data.FrameAllocator;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.SeriesInfo;
import org.condenser.api.data.WritableFrame;
import org.condenser.driver.daq.internal.ReceiverSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * Receives a DECTRIS SIMPLON stream v2 (ZeroMQ PULL from the detector's PUSH, CBOR messages) into
 * pooled frames handed to a sink (a pipeline). Compressed pixels stay compressed; the frame's
 * codec says how. Every problem is counted and described, and the receiver carries on with the next
 * good message: a malformed message, an image outside a series or from another series, a pool
 * that stayed full (a drop), a peer that disconnected in the middle of a series.
 */
public final class DectrisReceiver implements ReceiverSource.Receiving {

    /** What the receiver has seen; every frame not handed on is in one of the counts. */
    public record Statistics(long messages, long images, long malformed, long outsideSeries, long otherSeries,
            long poolFull, long disconnectsMidSeries, long seriesCompleted, String lastProblem) {

        /** The counts by name, for {@code cnd:pipelines}. */
        public Map<String, Long> counts() {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("messages", messages);
            counts.put("frames", images);
            counts.put("malformed", malformed);
            counts.put("outside a series", outsideSeries);
            counts.put("other series", otherSeries);
            counts.put("pool full", poolFull);
            counts.put("disconnects mid-series", disconnectsMidSeries);
            counts.put("series completed", seriesCompleted);
            return counts;
        }
    }

    private final String endpoint;
    private final FrameAllocator pool;
    private final FrameSink downstream;
    private final int[] scanShape;
    private final Consumer<String> problems;
    private final ZContext context = new ZContext();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile DectrisMessage.Start series;
    private volatile String lastProblem = "";
    /** The attributes every frame of a series and channel shares, built once, not per frame. */
    private Map<String, Object> frameAttributes = Map.of();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong images = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong outsideSeries = new AtomicLong();
    private final AtomicLong otherSeries = new AtomicLong();
    private final AtomicLong poolFull = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();

    /**
     * @param scanShape the scan (height, width) the series' frames fill in index order, as the scan
     *        engine that triggers the detector knows it (the detector does not); empty when not a scan
     */
    public DectrisReceiver(String endpoint, int[] scanShape, FrameAllocator pool, FrameSink downstream,
            Consumer<String> problems) {
        this.endpoint = endpoint;
        this.scanShape = scanShape.clone();
        this.pool = pool;
        this.downstream = downstream;
        this.problems = problems;
        this.thread = new Thread(this::receive, "condenser-dectris-" + endpoint);
        this.thread.setDaemon(true);
    }

    public DectrisReceiver start() {
        thread.start();
        return this;
    }

    private void receive() {
        ZMQ.Socket socket = context.createSocket(SocketType.PULL);
        socket.setReceiveTimeOut(100);
        socket.setRcvHWM(64);
        socket.setHandshakeIvl(500); // a stalled JeroMQ connect is torn down and retried (see PushSocket)
        ZMonitor monitor = new ZMonitor(context, socket);
        monitor.add(ZMonitor.Event.DISCONNECTED);
        monitor.start();
        socket.connect(endpoint);
        try {
            while (running) {
                ZMonitor.ZEvent event = monitor.nextEvent(0);
                if (event != null && event.type == ZMonitor.Event.DISCONNECTED && series != null) {
                    disconnects.incrementAndGet();
                    problem("the detector disconnected in the middle of series " + series.seriesId() + " ("
                            + series.seriesUid() + "); waiting for it to come back");
                    downstream.seriesEnded(seriesName(series), false);
                    series = null;
                }
                byte[] message = socket.recv();
                if (message != null) {
                    handle(ByteBuffer.wrap(message));
                }
            }
        } catch (org.zeromq.ZMQException e) {
            if (running) {
                problem("the stream from " + endpoint + " failed: " + e.getMessage());
            }
        } finally {
            monitor.close();
            socket.close();
        }
    }

    void handle(ByteBuffer message) {
        messages.incrementAndGet();
        DectrisMessage parsed;
        try {
            parsed = DectrisMessage.parse(message);
        } catch (IllegalArgumentException e) {
            malformed.incrementAndGet();
            problem("message " + messages.get() + " skipped: " + e.getMessage());
            return;
        }
        if (parsed instanceof DectrisMessage.Start start) {
            if (series != null) {
                problem("series " + series.seriesId() + " ended without an end message; series " + start.seriesId()
                        + " starts");
                downstream.seriesEnded(seriesName(series), false);
            }
            series = start;
            downstream.seriesStarted(new SeriesInfo(seriesName(start), start.numberOfImages(), scanShape, start.dtype(),
                    new int[] { start.height(), start.width() }, start.metadata()));
        } else if (parsed instanceof DectrisMessage.End end) {
            DectrisMessage.Start current = series;
            if (current != null && current.seriesId() == end.seriesId()) {
                completed.incrementAndGet();
                downstream.seriesEnded(seriesName(current), true);
                series = null;
            } else {
                problem("end of series " + end.seriesId() + " arrived, but "
                        + (current == null ? "no series" : "series " + current.seriesId()) + " is under way");
            }
        } else if (parsed instanceof DectrisMessage.Image image) {
            DectrisMessage.Start current = series;
            if (current == null) {
                outsideSeries.incrementAndGet();
                problem("image " + image.imageId() + " of series " + image.seriesId() + " arrived outside a series");
            } else if (current.seriesId() != image.seriesId()) {
                otherSeries.incrementAndGet();
                problem("image " + image.imageId() + " belongs to series " + image.seriesId() + ", not to series "
                        + current.seriesId() + " under way");
            } else {
                handOn(current, image);
            }
        }
    }

    private void handOn(DectrisMessage.Start start, DectrisMessage.Image image) {
        DectrisMessage.Pixels pixels = image.channels().get(0);
        if (pixels.dtype() != start.dtype() || pixels.height() != start.height() || pixels.width() != start.width()) {
            malformed.incrementAndGet();
            problem("image " + image.imageId() + " is " + pixels.height() + "x" + pixels.width() + " " + pixels.dtype()
                    + ", the series announced " + start.height() + "x" + start.width() + " " + start.dtype());
            return;
        }
        FrameHeader header = new FrameHeader(seriesName(start), image.imageId(), scanPosition(image.imageId()),
                System.currentTimeMillis() * 1_000_000L, pixels.dtype(), new int[] { pixels.height(), pixels.width() },
                pixels.codec());
        if (!pixels.channel().equals(frameAttributes.get("channel"))
                || !start.seriesUid().equals(frameAttributes.get("series_unique_id"))) {
            Map<String, Object> attributes = new LinkedHashMap<>(start.metadata());
            attributes.put("channel", pixels.channel());
            attributes.put("series_unique_id", start.seriesUid());
            frameAttributes = Map.copyOf(attributes);
        }
        WritableFrame frame;
        try {
            frame = pool.allocate(header, pixels.bytes().remaining(), frameAttributes, 50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (frame == null) {
            poolFull.incrementAndGet();
            return;
        }
        frame.writable().put(pixels.bytes().duplicate());
        images.incrementAndGet();
        downstream.frame(frame);
    }

    private int[] scanPosition(long index) {
        if (scanShape.length != 2 || index >= (long) scanShape[0] * scanShape[1]) {
            return null;
        }
        return new int[] { (int) (index / scanShape[1]), (int) (index % scanShape[1]) };
    }

    static String seriesName(DectrisMessage.Start start) {
        return "dectris-" + start.seriesId() + (start.seriesUid().isEmpty() ? "" : "-" + start.seriesUid());
    }

    private void problem(String what) {
        lastProblem = what;
        problems.accept(what);
    }

    @Override
    public Map<String, Long> counts() {
        return statistics().counts();
    }

    public Statistics statistics() {
        return new Statistics(messages.get(), images.get(), malformed.get(), outsideSeries.get(), otherSeries.get(),
                poolFull.get(), disconnects.get(), completed.get(), lastProblem);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
        context.close();
    }
}
