package org.condenser.api.data;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that produces frames: a detector stream receiver, a file reader, a simulator.
 *
 * <h2>Lifecycle contract</h2>
 * {@link #start} returns at once and delivers frames on the source's own threads; the consumer owns
 * one reference to each frame it is given. {@link #stop} stops delivery and returns once no further
 * frame will be delivered.
 */
@ConsumerType
public interface FrameSource {

    /** Service property naming the source, unique in the runtime. */
    String SOURCE_NAME = "condenser.source.name";

    String name();

    void start(Consumer<Frame> consumer) throws Exception;

    void stop();
}
