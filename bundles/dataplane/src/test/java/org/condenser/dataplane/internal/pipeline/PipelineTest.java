package org.condenser.dataplane.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;
import org.condenser.api.data.DropPolicy;
import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.StageStatistics;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private static final int FRAME = 64 * 64 * 2;

    private final FramePool pool = new FramePool(64L * FRAME);

    private FramePool.PooledFrame frame(long index) throws InterruptedException {
        FramePool.PooledFrame frame = pool.allocate(new FrameHeader("series-1", index, null, index, DType.UINT16,
                new int[] { 64, 64 }, Codec.NONE), FRAME, Map.of(), 1, TimeUnit.SECONDS);
        frame.writable().putLong(0, index);
        return frame;
    }

    @Test
    void framesFlowThroughEveryStageAndAllComeBackToThePool() throws Exception {
        AtomicLong sum = new AtomicLong();
        Pipeline pipeline = Pipeline.named("flow")
                .stage("decode", 8, DropPolicy.BLOCK, 2, (frame, next) -> next.accept(frame))
                .stage("reduce", 8, DropPolicy.BLOCK, 1, (frame, next) -> sum.addAndGet(frame.payload().getLong(0)))
                .start();
        for (int i = 0; i < 1000; i++) {
            pipeline.offer(frame(i));
        }
        pipeline.close();
        assertEquals(999L * 1000 / 2, sum.get(), "every frame reduced once");
        List<StageStatistics> stats = pipeline.statistics();
        assertEquals(1000, stats.get(0).received());
        assertEquals(1000, stats.get(1).received());
        assertEquals(0, stats.get(0).dropped() + stats.get(1).dropped());
        assertEquals(0, pool.statistics().inUseBytes(), "every reference released");
        assertTrue(pool.statistics().allocatedBytes() <= 64L * 8192, "buffers were reused, not allocated per frame");
    }

    @Test
    void overloadDropsAreCountedAndMemoryStaysBounded() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Long> seen = new CopyOnWriteArrayList<>();
        Pipeline newest = Pipeline.named("newest")
                .stage("slow", 4, DropPolicy.DROP_NEWEST, 1, (frame, next) -> {
                    gate.await();
                    seen.add(frame.header().frameIndex());
                }).start();
        int offered = 0;
        for (int i = 0; i < 200; i++) {
            FramePool.PooledFrame frame = pool.allocate(new FrameHeader("s", i, null, 0, DType.UINT16, new int[] { 64, 64 },
                    Codec.NONE), FRAME, Map.of(), 10, TimeUnit.MILLISECONDS);
            if (frame != null) {
                newest.offer(frame);
                offered++;
            }
            assertTrue(pool.statistics().inUseBytes() <= 64L * 8192);
        }
        gate.countDown();
        newest.close();
        StageStatistics stats = newest.statistics().get(0);
        assertEquals(offered, stats.received());
        assertEquals(stats.received() - seen.size(), stats.dropped(), "every frame either processed or counted as dropped");
        assertTrue(stats.dropped() > 150, "most were dropped: " + stats.dropped());
        assertEquals(0, pool.statistics().inUseBytes());
    }

    @Test
    void dropOldestKeepsTheNewestFrames() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Long> seen = new CopyOnWriteArrayList<>();
        Pipeline oldest = Pipeline.named("oldest")
                .stage("slow", 4, DropPolicy.DROP_OLDEST, 1, (frame, next) -> {
                    gate.await();
                    seen.add(frame.header().frameIndex());
                }).start();
        for (int i = 0; i < 40; i++) {
            oldest.offer(frame(i));
        }
        gate.countDown();
        oldest.close();
        assertTrue(seen.containsAll(List.of(36L, 37L, 38L, 39L)), seen.toString());
        assertEquals(40 - seen.size(), oldest.statistics().get(0).dropped());
    }

    @Test
    void aFrameAStageFailsOnIsCountedAndTheNextGoesThrough() throws Exception {
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicLong good = new AtomicLong();
        Pipeline pipeline = Pipeline.named("bad")
                .failures((stage, frame, why) -> failures.add(stage + " #" + frame.header().frameIndex() + ": " + why.getMessage()))
                .stage("check", 4, DropPolicy.BLOCK, 1, (frame, next) -> {
                    if (frame.header().frameIndex() % 10 == 3) {
                        throw new IllegalArgumentException("a length that lies");
                    }
                    good.incrementAndGet();
                }).start();
        for (int i = 0; i < 30; i++) {
            pipeline.offer(frame(i));
        }
        pipeline.close();
        assertEquals(27, good.get());
        assertEquals(3, pipeline.statistics().get(0).failed());
        assertEquals("bad/check #3: a length that lies", failures.get(0));
        assertEquals(0, pool.statistics().inUseBytes());
    }

    @Test
    void aFullPoolAnswersNullAfterItsWaitAndOversizedFramesAreRefused() throws Exception {
        FramePool small = new FramePool(4 * 8192);
        List<Frame> held = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(small.allocate(new FrameHeader("s", i, null, 0, DType.UINT16, new int[] { 64, 64 }, Codec.NONE), FRAME,
                    Map.of(), 0, TimeUnit.MILLISECONDS));
        }
        assertNull(small.allocate(new FrameHeader("s", 9, null, 0, DType.UINT16, new int[] { 64, 64 }, Codec.NONE), FRAME,
                Map.of(), 20, TimeUnit.MILLISECONDS));
        assertEquals(1, small.statistics().exhausted());
        held.forEach(Frame::release);
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class, () -> small.allocate(
                new FrameHeader("s", 0, null, 0, DType.UINT16, new int[] { 512, 512 }, Codec.NONE), 512 * 512 * 2, Map.of(),
                0, TimeUnit.MILLISECONDS));
        assertEquals("a frame of 524288 bytes does not fit in a pool of 32768 bytes", tooBig.getMessage());
        Frame frame = small.allocate(new FrameHeader("s", 0, null, 0, DType.UINT16, new int[] { 64, 64 }, Codec.NONE), FRAME,
                Map.of(), 0, TimeUnit.MILLISECONDS);
        frame.release();
        assertThrows(IllegalStateException.class, frame::payload, "used after its last release");
    }
}
