package org.condenser.api.data;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The runtime's live streams, for remote control, telemetry and dashboards; provided by the data
 * plane (the shell's {@code cnd:stream} and {@code cnd:pipelines} do the same).
 */
@ProviderType
public interface Streams {

    /** A snapshot of every pipeline; cheap, never blocks. */
    List<PipelineStatus> snapshot();

    /** Each source's latest reduced series, by source name; a source appears once a series of it ends. */
    Map<String, SeriesResult> latestResults();

    /**
     * Starts streaming a frame source through an analysis ({@code null}: the configured default).
     *
     * @return a line saying what started
     * @throws IllegalArgumentException for an unknown source or a bad analysis spec
     * @throws IllegalStateException when the source is already streaming
     * @throws Exception when the detector refuses to start
     */
    String start(String source, String analysis) throws Exception;

    /**
     * Stops a source's stream.
     *
     * @return a line saying what stopped
     * @throws IllegalArgumentException when the source is not streaming
     */
    String stop(String source) throws Exception;
}
