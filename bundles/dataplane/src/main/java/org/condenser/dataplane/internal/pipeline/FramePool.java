package org.condenser.dataplane.internal.pipeline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.api.data.Frame;
import org.condenser.api.data.FrameAllocator;
import org.condenser.api.data.FrameHeader;
import org.condenser.api.data.WritableFrame;

/**
 * The memory all frames of a pipeline live in: direct buffers up to a fixed total, handed out as
 * reference-counted frames and taken back when the last reference is released. Buffers and frame
 * objects are reused, so a steady stream of frames allocates no payload memory and no frame
 * objects; when the cap is reached, {@link #allocate} waits a bounded time and then answers null,
 * which the caller counts as a drop. Nothing is ever allocated past the cap.
 *
 * <p>Buffers come in power-of-two capacities, so frames of one shape keep reusing the same ones.
 * Thread safe.
 */
public final class FramePool implements FrameAllocator {

    /** Figures for {@code cnd:pipelines}. */
    public record Statistics(long capacityBytes, long allocatedBytes, long inUseBytes, long acquired, long exhausted) {
    }

    private final long capacityBytes;
    private final Object lock = new Object();
    /** Free buffers by power-of-two size class (index = log2 capacity). */
    @SuppressWarnings("unchecked")
    private final ArrayDeque<ByteBuffer>[] free = new ArrayDeque[40];
    private final ArrayDeque<PooledFrame> idleFrames = new ArrayDeque<>();
    private long allocatedBytes;
    private long inUseBytes;
    private final AtomicLong acquired = new AtomicLong();
    private final AtomicLong exhausted = new AtomicLong();

    public FramePool(long capacityBytes) {
        if (capacityBytes <= 0) {
            throw new IllegalArgumentException("a frame pool needs a positive capacity, not " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        for (int i = 0; i < free.length; i++) {
            free[i] = new ArrayDeque<>();
        }
    }

    /**
     * A frame whose payload has room for {@code bytes}, limit set to {@code bytes}, position 0, to be
     * filled by the caller; or null when the pool stayed full for {@code wait}.
     *
     * @throws IllegalArgumentException when one frame is larger than the whole pool
     */
    @Override
    public PooledFrame allocate(FrameHeader header, int bytes, Map<String, Object> attributes, long wait, TimeUnit unit)
            throws InterruptedException {
        int sizeClass = sizeClass(bytes);
        long capacity = 1L << sizeClass;
        if (capacity > capacityBytes) {
            throw new IllegalArgumentException("a frame of " + bytes + " bytes does not fit in a pool of "
                    + capacityBytes + " bytes");
        }
        long deadline = System.nanoTime() + unit.toNanos(wait);
        synchronized (lock) {
            while (true) {
                ByteBuffer buffer = free[sizeClass].pollFirst();
                if (buffer == null && allocatedBytes + capacity <= capacityBytes) {
                    buffer = ByteBuffer.allocateDirect((int) capacity).order(ByteOrder.LITTLE_ENDIAN);
                    allocatedBytes += capacity;
                }
                if (buffer == null && evictOtherSizes(capacity)) {
                    continue;
                }
                if (buffer != null) {
                    inUseBytes += capacity;
                    acquired.incrementAndGet();
                    buffer.clear().limit(bytes);
                    PooledFrame frame = idleFrames.pollFirst();
                    if (frame == null) {
                        frame = new PooledFrame(this);
                    }
                    frame.reset(header, buffer, attributes);
                    return frame;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    exhausted.incrementAndGet();
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** Frees idle buffers of other sizes when they, not frames in use, are what fills the pool. */
    private boolean evictOtherSizes(long needed) {
        boolean freed = false;
        for (ArrayDeque<ByteBuffer> buffers : free) {
            while (!buffers.isEmpty() && allocatedBytes + needed > capacityBytes) {
                allocatedBytes -= buffers.pollFirst().capacity();
                freed = true;
            }
        }
        return freed && allocatedBytes + needed <= capacityBytes;
    }

    void giveBack(PooledFrame frame, ByteBuffer buffer) {
        synchronized (lock) {
            inUseBytes -= buffer.capacity();
            free[Integer.numberOfTrailingZeros(buffer.capacity())].addFirst(buffer);
            idleFrames.addFirst(frame);
            lock.notifyAll();
        }
    }

    public Statistics statistics() {
        synchronized (lock) {
            return new Statistics(capacityBytes, allocatedBytes, inUseBytes, acquired.get(), exhausted.get());
        }
    }

    private static int sizeClass(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a frame cannot have " + bytes + " bytes");
        }
        return Math.max(6, 64 - Long.numberOfLeadingZeros(Math.max(1, bytes) - 1L));
    }

    /** A frame backed by one of the pool's buffers. */
    public static final class PooledFrame implements WritableFrame {

        private final FramePool pool;
        private final AtomicInteger references = new AtomicInteger();
        private FrameHeader header;
        private ByteBuffer buffer;
        private Map<String, Object> attributes;

        private PooledFrame(FramePool pool) {
            this.pool = pool;
        }

        private void reset(FrameHeader header, ByteBuffer buffer, Map<String, Object> attributes) {
            this.header = header;
            this.buffer = buffer;
            this.attributes = attributes == null ? Map.of() : attributes;
            references.set(1);
        }

        @Override
        public ByteBuffer writable() {
            check();
            return buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public FrameHeader header() {
            check();
            return header;
        }

        @Override
        public ByteBuffer payload() {
            check();
            return buffer.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public Map<String, Object> attributes() {
            return attributes;
        }

        @Override
        public Frame retain() {
            if (references.getAndIncrement() <= 0) {
                references.decrementAndGet();
                throw new IllegalStateException("retain of a frame already returned to its pool");
            }
            return this;
        }

        @Override
        public void release() {
            int left = references.decrementAndGet();
            if (left == 0) {
                ByteBuffer returned = buffer;
                buffer = null;
                pool.giveBack(this, returned);
            } else if (left < 0) {
                references.incrementAndGet();
                throw new IllegalStateException("a frame was released more often than it was retained");
            }
        }

        private void check() {
            if (references.get() <= 0) {
                throw new IllegalStateException("a frame was used after its last release");
            }
        }
    }
}
