package org.condenser.api.data;

import java.nio.ByteBuffer;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One detector frame from the runtime's memory-capped pool: a header, a payload and attributes.
 *
 * <h2>Contract</h2>
 * Frames are reference counted. Whoever receives a frame owns one reference and must
 * {@link #release()} it exactly once when done; a stage that hands the frame on to more than one
 * consumer {@link #retain()}s once per extra consumer. The payload must not be used after the last
 * release: its memory goes back to the pool.
 */
@ProviderType
public interface Frame {

    FrameHeader header();

    /** The payload as a read-only view, positioned at 0; encoded as {@link FrameHeader#codec()} says. */
    ByteBuffer payload();

    /** Attributes the source or earlier stages attached (detector settings, exposure…); unmodifiable. */
    Map<String, Object> attributes();

    /** Adds a reference; returns this frame. */
    Frame retain();

    /** Drops a reference; the last release returns the memory to the pool. */
    void release();
}
