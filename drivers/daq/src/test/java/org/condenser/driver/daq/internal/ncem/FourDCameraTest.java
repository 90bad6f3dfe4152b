package org.condenser.driver.daq.internal.ncem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.condenser.api.data.Frame;
import org.condenser.testing.ExternalTools;
import org.condenser.dataplane.internal.pipeline.FramePool;
import org.condenser.driver.daq.internal.CollectingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan of raw 4D Camera frames through the real wire format into the receiver, electron counted,
 * checked event by event against a numpy/scipy reference of the same algorithm; then bad messages.
 */
class FourDCameraTest {

    private static final int H = 48;
    private static final int W = 40;
    private static final int SCAN_W = 6;
    private static final int SCAN_H = 5;

    @TempDir
    Path folder;

    @Test
    void aScanArrivesAndItsElectronsAreCountedAsNumpyCountsThem() throws Exception {
        SyntheticCamera camera = new SyntheticCamera(H, W, 42);
        List<ByteBuffer> dark = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            dark.add(camera.frame(0));
        }
        FramePool pool = new FramePool(4 << 20);
        CollectingSink sink = new CollectingSink();
        List<String> problems = new CopyOnWriteArrayList<>();
        List<ByteBuffer> sent = new ArrayList<>();
        try (FourDCameraSender sender = new FourDCameraSender("tcp://127.0.0.1:*");
                FourDCameraReceiver receiver = new FourDCameraReceiver("tcp://127.0.0.1:" + sender.socket().port(), H, W, pool, sink,
                        problems::add).start()) {
            assertTrue(sender.socket().awaitReceivers(1, Duration.ofSeconds(10)), "the receiver connected");
            // positions out of order, as several sector servers deliver them
            for (int k = 0; k < SCAN_W * SCAN_H; k++) {
                int p = (k * 7) % (SCAN_W * SCAN_H);
                ByteBuffer frame = camera.frame(12);
                sent.add(frame);
                sender.frame(3, k, SCAN_W, SCAN_H, p % SCAN_W, p / SCAN_W, frame);
            }
            assertTrue(sink.await("end 4dcamera-3", 10), sink.events + " " + problems);
            assertEquals(SCAN_W * SCAN_H, receiver.counts().get("frames"));
        }
        assertArrayEquals(new int[] { SCAN_H, SCAN_W }, sink.started.get(0).scanShape());

        float[] reference = ElectronCounter.darkReference(H, W, dark);
        ElectronCounter counter = ElectronCounter.calibrate(H, W, reference, sent, 4, 10);
        CountedScan counted = new CountedScan(SCAN_W, SCAN_H, W, H);
        int[] events = new int[64];
        int[] n = new int[1];
        for (Frame frame : sink.frames) {
            events = counter.count(frame.payload(), events, n);
            counted.put(frame.header().frameIndex(), events, n[0]);
        }
        sink.releaseAll();

        write("dark.u16", dark);
        List<ByteBuffer> byPosition = new ArrayList<>(sent);
        for (int k = 0; k < sent.size(); k++) {
            byPosition.set((k * 7) % sent.size(), sent.get(k));
        }
        write("frames.u16", byPosition);
        String out = ExternalTools.python("""
                import sys, numpy
                from scipy.ndimage import maximum_filter
                H, W, folder = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
                dark = numpy.fromfile(folder + '/dark.u16', '<u2').reshape(-1, H, W).astype(numpy.float64).mean(axis=0).astype(numpy.float32)
                frames = numpy.fromfile(folder + '/frames.u16', '<u2').reshape(-1, H, W)
                d = (frames.astype(numpy.float32) - dark).astype(numpy.float64)
                low, high = -numpy.inf, numpy.inf
                for _ in range(4):
                    kept = d[(d >= low) & (d <= high)]
                    mean, sigma = kept.mean(), kept.std()
                    low, high = mean - 3 * sigma, mean + 3 * sigma
                bg, xr = mean + 4 * sigma, mean + 10 * sigma
                peak = maximum_filter(d, size=(1, 3, 3), mode='constant', cval=-numpy.inf)
                hits = (d > bg) & (d < xr) & (d >= peak)
                print('%.6f %.6f' % (bg, xr))
                for f in hits.reshape(len(frames), -1):
                    print('events:' + ' '.join(str(i) for i in numpy.flatnonzero(f)))
                """, String.valueOf(H), String.valueOf(W), folder.toString());
        String[] lines = out.split("\n", -1);
        String[] thresholds = lines[0].split(" ");
        assertEquals(Double.parseDouble(thresholds[0]), counter.backgroundThreshold(), 1e-3, "background threshold");
        assertEquals(Double.parseDouble(thresholds[1]), counter.xrayThreshold(), 1e-3, "X-ray threshold");
        int total = 0;
        for (int p = 0; p < SCAN_W * SCAN_H; p++) {
            String want = lines[p + 1].strip().substring("events:".length());
            StringBuilder got = new StringBuilder();
            for (int e : counted.events(p)) {
                got.append(got.length() == 0 ? "" : " ").append(e);
            }
            assertEquals(want, got.toString(), "events at position " + p);
            total += counted.events(p).length;
        }
        System.out.printf(Locale.ROOT, "counted %d events in %d frames (%.1f per frame; 12 electrons sent per frame)%n",
                total, SCAN_W * SCAN_H, total / (double) (SCAN_W * SCAN_H));
        assertTrue(total > 8 * SCAN_W * SCAN_H && total <= 13 * SCAN_W * SCAN_H, "about 12 events per frame: " + total);
    }

    @Test
    void badMessagesAreCountedAndAScanCutShortIsTold() throws Exception {
        FramePool pool = new FramePool(1 << 20);
        CollectingSink sink = new CollectingSink();
        List<String> problems = new CopyOnWriteArrayList<>();
        SyntheticCamera camera = new SyntheticCamera(H, W, 1);
        try (FourDCameraSender sender = new FourDCameraSender("tcp://127.0.0.1:*");
                FourDCameraReceiver receiver = new FourDCameraReceiver("tcp://127.0.0.1:" + sender.socket().port(), H, W, pool, sink,
                        problems::add).start()) {
            assertTrue(sender.socket().awaitReceivers(1, Duration.ofSeconds(10)), "the receiver connected");
            sender.frame(1, 0, 2, 2, 0, 0, camera.frame(3));
            sender.send(new byte[16]);                                        // one part only
            sender.send(new byte[15], new byte[H * W * 2]);                   // short header
            sender.frame(1, 1, 2, 2, 1, 0, ByteBuffer.allocate(100));         // a truncated frame
            byte[] outside = new byte[16];
            new RawFrameHeader(1, 0, 2, 2, 0, 0).write(ByteBuffer.wrap(outside));
            outside[12] = 5;                                                  // x = 5 in a 2-wide scan
            sender.send(outside, new byte[H * W * 2]);
            sender.frame(2, 9, 2, 2, 1, 1, camera.frame(3));                  // another scan's frame
            sender.frame(1, 0, 2, 2, 0, 0, camera.frame(3));                  // position (0, 0) again
            sender.frame(1, 1, 2, 2, 1, 0, camera.frame(3));
            sender.frame(4, 0, 2, 2, 0, 0, camera.frame(3));                  // scan 4 begins: scan 1 is cut short
            assertTrue(sink.awaitEvents(3, 10), sink.events + " " + problems);
            CollectingSink.within(5, () -> receiver.counts().get("frames") >= 3);
            Map<String, Long> counts = receiver.counts();
            assertEquals(3L, counts.get("frames"), counts + " " + problems);
            assertEquals(4L, counts.get("malformed"), counts + " " + problems);
            assertEquals(1L, counts.get("other series"), counts + " " + problems);
            assertEquals(1L, counts.get("repeated positions"), counts + " " + problems);
            assertEquals(1L, counts.get("series cut short"), counts + " " + problems);
        }
        assertTrue(problems.contains("message 2 skipped: a frame message has 2 parts (header, pixels), this one 1"),
                problems.toString());
        assertTrue(problems.contains("message 3 skipped: a frame header has 16 bytes, not 15"), problems.toString());
        assertTrue(problems.contains("message 4 skipped: frame 1: 100 bytes of pixels, 48x40 uint16 need 3840"),
                problems.toString());
        assertTrue(problems.contains("message 5 skipped: scan position (5, 0) lies outside the 2x2 scan"), problems.toString());
        assertEquals(List.of("start 4dcamera-1", "cut 4dcamera-1", "start 4dcamera-4"), sink.events);
        sink.releaseAll();
    }

    private void write(String name, List<ByteBuffer> frames) throws IOException {
        try (OutputStream out = Files.newOutputStream(folder.resolve(name))) {
            for (ByteBuffer frame : frames) {
                out.write(frame.array());
            }
        }
    }
}
