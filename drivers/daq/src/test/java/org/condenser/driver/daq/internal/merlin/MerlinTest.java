package org.condenser.driver.daq.internal.merlin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.condenser.api.data.DType;
import org.condenser.api.data.Frame;
import org.condenser.dataplane.internal.pipeline.FramePool;
import org.condenser.driver.daq.internal.CollectingSink;
import org.condenser.driver.daq.internal.TestPattern;
import org.junit.jupiter.api.Test;

/** The Merlin receiver and control client against the simulated Merlin, and against a peer that sends garbage. */
class MerlinTest {

    private final TestPattern pattern = new TestPattern(64, 64, 700);

    @Test
    void anAcquisitionSetUpOverControlArrivesWithItsPixelsInOrder() throws Exception {
        for (int depth : new int[] { 12, 24 }) {
            try (MerlinSimulator merlin = new MerlinSimulator(0, 0, pattern, s -> { })) {
                FramePool pool = new FramePool(8 << 20);
                CollectingSink sink = new CollectingSink();
                List<String> problems = new CopyOnWriteArrayList<>();
                try (MerlinReceiver receiver = new MerlinReceiver("127.0.0.1", merlin.dataPort(), new int[] { 3, 4 }, pool,
                        sink, problems::add).start(); MerlinControl control = new MerlinControl("127.0.0.1",
                                merlin.controlPort(), 5000)) {
                    control.set("COUNTERDEPTH", depth);
                    control.set("NUMFRAMESTOACQUIRE", 12);
                    assertEquals("12", control.get("NUMFRAMESTOACQUIRE"));
                    control.command("STARTACQUISITION");
                    assertTrue(sink.await("end merlin-1", 20), sink.events + " " + problems);
                    assertTrue(problems.isEmpty(), problems.toString());
                }
                DType dtype = depth == 12 ? DType.UINT16 : DType.UINT32;
                assertEquals(dtype, sink.started.get(0).dtype());
                assertEquals("12", sink.started.get(0).metadata().get("Frames in Acquisition (Number)"));
                assertEquals(12, sink.frames.size());
                for (Frame frame : sink.frames) {
                    long i = frame.header().frameIndex();
                    assertArrayEquals(new int[] { (int) i / 4, (int) i % 4 }, frame.header().scanPosition());
                    ByteBuffer pixels = frame.payload();
                    for (int p : new int[] { 0, 5, 4095 }) {
                        int want = depth == 12 ? Math.min(pattern.value(i, p), 4095) : pattern.value(i, p);
                        int got = depth == 12 ? pixels.getShort(p * 2) & 0xFFFF : pixels.getInt(p * 4);
                        assertEquals(want, got, "frame " + i + " pixel " + p + " at depth " + depth);
                    }
                }
                sink.releaseAll();
                assertEquals(0, pool.statistics().inUseBytes());
            }
        }
    }

    @Test
    void theControlChannelAnswersRefusalsWithTheirCode() throws Exception {
        try (MerlinSimulator merlin = new MerlinSimulator(0, 0, pattern, s -> { });
                MerlinControl control = new MerlinControl("127.0.0.1", merlin.controlPort(), 5000)) {
            assertEquals("the Merlin refused SET,COUNTERDEPTH,13: value out of range",
                    assertThrows(IOException.class, () -> control.set("COUNTERDEPTH", 13)).getMessage());
            assertEquals("the Merlin refused SET,WARPSPEED,9: unrecognised command",
                    assertThrows(IOException.class, () -> control.set("WARPSPEED", 9)).getMessage());
            assertEquals("the Merlin refused CMD,STARTACQUISITION: busy",
                    assertThrows(IOException.class, () -> control.command("STARTACQUISITION")).getMessage(),
                    "no client on the data channel yet");
        }
    }

    @Test
    void badMessagesAreCountedAndTheNextGoodFrameStillArrives() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            FramePool pool = new FramePool(1 << 20);
            CollectingSink sink = new CollectingSink();
            List<String> problems = new CopyOnWriteArrayList<>();
            try (MerlinReceiver receiver = new MerlinReceiver("127.0.0.1", server.getLocalPort(), new int[0], pool, sink,
                    problems::add).start(); Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                send(out, frame(1, "U16", 8, 8, 0));                          // before any HDR
                send(out, ("HDR,\t\nFrames in Acquisition (Number):\t4\nFrames per Trigger (Number):\t4\nEnd\t")
                        .getBytes(StandardCharsets.US_ASCII));
                send(out, frame(1, "U16", 8, 8, 0));
                out.write("garbage!".getBytes(StandardCharsets.US_ASCII));    // framing lost
                send(out, frame(2, "U16", 8, 8, 0));
                send(out, frame(3, "U16", 8, 8, 10));                         // 10 bytes more than the header says
                send(out, frame(3, "U64", 8, 8, 0));
                send(out, frame(3, "Q16", 8, 8, 0));
                send(out, frame(9, "U16", 8, 8, 0));                          // not in 1..4
                send(out, frame(3, "U16", 8, 8, 0));
                byte[] cut = frame(4, "U16", 8, 8, 0);
                out.write(MerlinMessages.prefix(cut.length));
                out.write(cut, 0, cut.length / 2);                            // truncated, then gone
                out.flush();
                peer.close();
                assertTrue(sink.await("cut merlin-1", 10), sink.events + " " + problems);
                Map<String, Long> counts = receiver.counts();
                assertEquals(3L, counts.get("frames"), counts + " " + problems);
                assertEquals(3L, counts.get("malformed"), counts + " " + problems);
                assertEquals(1L, counts.get("framing lost"), counts + " " + problems);
                assertEquals(2L, counts.get("outside a series"), counts + " " + problems);
                assertEquals(1L, counts.get("disconnects mid-series"), counts + " " + problems);
            }
            assertTrue(problems.stream().anyMatch(p -> p.contains("do not make the message's 522 bytes")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("pixel type U64 is not taken")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("unknown pixel type 'Q16'")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("frame 9 is outside merlin-1's 1..4")), problems.toString());
            assertEquals(List.of(0L, 1L, 2L), sink.frames.stream().map(f -> f.header().frameIndex()).toList());
            ByteBuffer third = sink.frames.get(2).payload();
            assertEquals(0x0102 + 3, third.getShort(2 * 7) & 0xFFFF, "big-endian pixels arrive little-endian");
            sink.releaseAll();
        }
    }

    /** An MQ1 message body of width x height pixels, each 0x0102 + sequence, with {@code extra} bytes too many. */
    private static byte[] frame(long sequence, String type, int width, int height, int extra) {
        int bytes = type.endsWith("16") ? 2 : type.endsWith("64") ? 8 : 1;
        byte[] body = new byte[384 + width * height * bytes + extra];
        java.util.Arrays.fill(body, 0, 384, (byte) ' ');
        byte[] head = String.format(Locale.ROOT, "MQ1,%06d,00384,01,%04d,%04d,%s,   1x1,01,2026-11-21 10:00:00.000000,"
                + "0.001000,0,0,0,1.2E+2,", sequence, width, height, type).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, body, 0, head.length);
        ByteBuffer pixels = ByteBuffer.wrap(body).slice(384, width * height * bytes).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; bytes == 2 && i < width * height; i++) {
            pixels.putShort(i * 2, (short) (0x0102 + sequence));
        }
        return body;
    }

    private static void send(OutputStream out, byte[] body) throws IOException {
        out.write(MerlinMessages.prefix(body.length));
        out.write(body);
    }
}
