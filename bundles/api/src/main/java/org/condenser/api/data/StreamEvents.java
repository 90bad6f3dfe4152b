package org.condenser.api.data;

/**
 * The Event Admin event a live stream posts when a series has been reduced and its result written,
 * so that flows (or anything else) can take it from there.
 */
public final class StreamEvents {

    /** Topic of a series reduced. */
    public static final String SERIES_ENDED = "org/condenser/data/stream/SERIES_ENDED";
    /** The frame source's name (String). */
    public static final String SOURCE = "source";
    /** The series id (String). */
    public static final String SERIES = "series";
    /** The result file written, absolute path (String); absent when none was written. */
    public static final String FILE = "file";
    /** Whether the series ended as announced (Boolean). */
    public static final String COMPLETE = "complete";

    private StreamEvents() {
    }
}
