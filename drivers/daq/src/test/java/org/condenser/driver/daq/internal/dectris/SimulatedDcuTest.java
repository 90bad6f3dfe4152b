package org.condenser.driver.daq.internal.dectris;

import org.condenser.driver.daq.internal.TestPattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.condenser.api.data.Codec;
import org.condenser.api.data.Frame;
import org.condenser.dataplane.internal.codec.FrameCodecService;
import org.condenser.dataplane.internal.pipeline.FramePool;
import org.condenser.driver.daq.internal.CollectingSink;
import org.junit.jupiter.api.Test;

/**
 * The REST control calls against the simulated unit, and a whole series from configure to disarm
 * through the receiver; then what a unit refuses.
 */
class SimulatedDcuTest {

    private static final TestPattern PATTERN = new TestPattern(32, 48, 1);

    @Test
    void configureArmTriggerDisarmDeliversTheSeries() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        FrameCodecService codecs = new FrameCodecService();
        try (SimulatedDcu dcu = new SimulatedDcu(0, "tcp://127.0.0.1:*", PATTERN, codecs, log::add)) {
            FramePool pool = new FramePool(8 << 20);
            CollectingSink sink = new CollectingSink();
            SimplonApi api = new SimplonApi("http://127.0.0.1:" + dcu.restPort(), Duration.ofSeconds(10));
            try (DectrisReceiver receiver = new DectrisReceiver("tcp://127.0.0.1:" + dcu.streamPort(), new int[] { 4, 5 },
                    pool, sink, log::add).start()) {
                api.enableStream();
                api.configure(Map.of("nimages", 20L, "count_time", 0.001, "compression", "bslz4", "trigger_mode", "ints"));
                assertEquals("idle", api.state());
                long series = api.arm();
                assertEquals("ready", api.state());
                api.trigger(Duration.ofSeconds(30));
                api.disarm();
                assertTrue(sink.awaitEvents(2, 10), sink.events + " " + log);
                assertTrue(sink.started.get(0).seriesId().startsWith("dectris-" + series + "-"), sink.events.toString());
                assertEquals("end " + sink.started.get(0).seriesId(), sink.events.get(1));
                assertEquals("idle", api.state());
            }
            assertEquals(20, sink.frames.size());
            ByteBuffer decoded = ByteBuffer.allocate(32 * 48 * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (Frame frame : sink.frames) {
                assertEquals(Codec.BSLZ4, frame.header().codec());
                long i = frame.header().frameIndex();
                assertArrayEquals(new int[] { (int) i / 5, (int) i % 5 }, frame.header().scanPosition());
                decoded.clear();
                codecs.decode(Codec.BSLZ4, frame.payload(), 2, decoded);
                assertEquals(i + 3, decoded.getShort(3 * 2), "frame " + i);
            }
            sink.releaseAll();
        }
    }

    @Test
    void underOverloadMemoryStaysWithinThePoolAndEveryDropIsCounted() throws Exception {
        FrameCodecService codecs = new FrameCodecService();
        try (SimulatedDcu dcu = new SimulatedDcu(0, "tcp://127.0.0.1:*", PATTERN, codecs, s -> { })) {
            int frameBytes = 32 * 48 * 2;
            FramePool pool = new FramePool(4 * 4096); // room for four frames; a stalled consumer keeps them all
            CollectingSink stalled = new CollectingSink();
            SimplonApi api = new SimplonApi("http://127.0.0.1:" + dcu.restPort(), Duration.ofSeconds(10));
            try (DectrisReceiver receiver = new DectrisReceiver("tcp://127.0.0.1:" + dcu.streamPort(), new int[0], pool,
                    stalled, s -> { }).start()) {
                api.enableStream();
                api.configure(Map.of("nimages", 30L, "compression", "none"));
                api.arm();
                api.trigger(Duration.ofSeconds(30));
                api.disarm();
                assertTrue(stalled.awaitEvents(2, 10), stalled.events.toString());
                DectrisReceiver.Statistics statistics = receiver.statistics();
                assertEquals(4, statistics.images(), "what fitted was handed on");
                assertEquals(26, statistics.poolFull(), "the rest was counted as dropped, not lost silently");
                assertTrue(pool.statistics().allocatedBytes() <= 4 * 4096, "never past the cap: " + pool.statistics());
                assertTrue(frameBytes <= 4096);
            }
            stalled.releaseAll();
            assertEquals(0, pool.statistics().inUseBytes());
        }
    }

    @Test
    void theUnitRefusesWhatARealOneRefusesAndSaysWhy() throws Exception {
        try (SimulatedDcu dcu = new SimulatedDcu(0, "tcp://127.0.0.1:*", PATTERN, new FrameCodecService(), s -> { })) {
            SimplonApi api = new SimplonApi("http://127.0.0.1:" + dcu.restPort(), Duration.ofSeconds(10));
            assertEquals("the detector refused config/nimages (HTTP 400): nimages must be an integer from 1 to 1000000000, "
                    + "not 0", refusal(() -> api.configure(Map.of("nimages", 0L))));
            assertEquals("the detector refused config/trigger_mode (HTTP 400): trigger_mode must be one of",
                    refusal(() -> api.configure(Map.of("trigger_mode", "now"))).replaceAll(" \\[.*", ""));
            assertEquals("the detector refused config/flux_capacitor (HTTP 404): no parameter flux_capacitor",
                    refusal(() -> api.configure(Map.of("flux_capacitor", 1L))));
            assertEquals("the detector refused command/arm (HTTP 400): arm with the stream interface disabled: nothing "
                    + "would be sent", refusal(api::arm));
            assertEquals("the detector refused trigger (HTTP 400): trigger while the detector is idle (arm it first)",
                    refusal(() -> api.trigger(Duration.ofSeconds(5))));
            api.enableStream();
            assertTrue(refusal(api::arm).startsWith("the detector refused command/arm (HTTP 400): arm with no receiver "
                    + "connected to the stream (port "));
            assertEquals("idle", api.state());
            CollectingSink sink = new CollectingSink();
            try (DectrisReceiver receiver = new DectrisReceiver("tcp://127.0.0.1:" + dcu.streamPort(), new int[0],
                    new FramePool(1 << 20), sink, s -> { }).start()) {
                api.arm();
                assertEquals("the detector refused config/nimages (HTTP 400): nimages cannot change while the detector "
                        + "is ready", refusal(() -> api.configure(Map.of("nimages", 2L))));
                api.disarm();
                assertTrue(sink.awaitEvents(2, 10), "start and end: " + sink.events);
                assertEquals("end " + sink.started.get(0).seriesId(), sink.events.get(1));
            }
        }
    }

    private interface Call {
        void run() throws IOException;
    }

    private static String refusal(Call call) {
        return assertThrows(IOException.class, call::run).getMessage();
    }
}
