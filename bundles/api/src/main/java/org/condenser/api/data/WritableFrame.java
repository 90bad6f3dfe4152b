package org.condenser.api.data;

import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A frame just taken from a {@link FrameAllocator}, still being filled by the source that took it.
 * Once handed on, only the read-only {@link Frame} view is used.
 */
@ProviderType
public interface WritableFrame extends Frame {

    /** The payload to fill: position 0, limit the size asked for, little-endian. */
    ByteBuffer writable();
}
