package org.condenser.api.data;

import java.time.Instant;

/**
 * The reduced result of a streamed series, as the last one of a source stands.
 *
 * @param source the frame source that streamed it
 * @param seriesId the series
 * @param complete whether the series ended as announced (false: cut short, the result is partial)
 * @param frames frames reduced
 * @param result the virtual image (two dimensions) or spectrum (one)
 * @param time when the result was made
 */
public record SeriesResult(String source, String seriesId, boolean complete, long frames, DataArray result,
        Instant time) {
}
