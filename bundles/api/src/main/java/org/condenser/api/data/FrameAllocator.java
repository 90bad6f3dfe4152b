package org.condenser.api.data;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Memory for frames: a memory-capped, reference-counted pool owned by a pipeline and lent to its
 * source. Nothing is allocated past the cap: when the pool stays full, {@link #allocate} answers
 * null and the source counts the frame as dropped.
 */
@ProviderType
public interface FrameAllocator {

    /**
     * A frame with room for {@code bytes} of payload, holding one reference for the caller; or null
     * when no memory became free within {@code wait}.
     *
     * @param attributes shared, unmodifiable attributes (build them once per series, not per frame)
     * @throws IllegalArgumentException when one frame is larger than the whole pool
     */
    WritableFrame allocate(FrameHeader header, int bytes, Map<String, Object> attributes, long wait, TimeUnit unit)
            throws InterruptedException;
}
