package org.condenser.dataplane.internal.stream;

import java.util.Map;

import org.condenser.api.data.DataArray;

/**
 * A series' reduced result.
 *
 * @param seriesId the series
 * @param complete whether the series ended as announced (false: cut short, the image is partial)
 * @param frames frames reduced, here and on workers
 * @param failed frames a stage could not reduce
 * @param framesPerWorker frames each node reduced (this node is {@code local})
 * @param image the virtual image
 * @param seconds from the series' start to its result
 */
public record StreamResult(String seriesId, boolean complete, long frames, long failed, Map<String, Long> framesPerWorker,
        DataArray image, double seconds) {
}
