package org.condenser.api.data;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a {@link FrameSource} delivers: series boundaries and the frames between them, in order,
 * from the source's own thread.
 */
@ConsumerType
public interface FrameSink {

    /** A series begins; frames of it follow. */
    void seriesStarted(SeriesInfo series);

    /** One frame; the sink takes over the caller's reference. */
    void frame(Frame frame);

    /**
     * The series is over (its end message arrived) or was cut short (the peer went away);
     * {@code complete} tells which.
     */
    void seriesEnded(String seriesId, boolean complete);

    /**
     * The source gave up: no further series will come until it is started again (the detector
     * refused to arm, its control unit is unreachable…). The reason names what went wrong.
     */
    default void sourceFailed(String reason) {
    }
}
