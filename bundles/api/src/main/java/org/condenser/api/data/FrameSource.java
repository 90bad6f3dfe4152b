package org.condenser.api.data;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that produces frames: a detector stream receiver, a file reader, a simulator.
 * Registered as a service with {@link #SOURCE_NAME}; a pipeline starts it with memory of its own.
 *
 * <h2>Lifecycle contract</h2>
 * {@link #start} returns at once and delivers on the source's own thread, taking frame memory only
 * from the allocator it was given. {@link #stop} stops delivery and returns once nothing further
 * will be delivered. A source delivers to one sink at a time.
 */
@ConsumerType
public interface FrameSource {

    /** Service property naming the source, unique in the runtime. */
    String SOURCE_NAME = "condenser.source.name";

    String name();

    /** Starts receiving (and, for a detector it controls, arms it) into {@code sink}. */
    void start(FrameAllocator memory, FrameSink sink) throws Exception;

    void stop();

    /**
     * What the source has counted since it started: messages, frames handed on, and every kind of
     * frame not handed on (malformed, outside a series, pool full…). Nothing is dropped uncounted.
     */
    Map<String, Long> counts();

    /** The last problem seen, described for people; empty when none. */
    String lastProblem();
}
