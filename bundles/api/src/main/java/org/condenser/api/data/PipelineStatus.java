package org.condenser.api.data;

import java.util.List;

/**
 * One live pipeline's figures: its stages' queues, drops and times, and its frame memory. Rates
 * are the reader's to take, from the counters of two snapshots.
 *
 * @param name the pipeline (a stream's source, or a fan-out worker)
 * @param role {@code stream} (a receiving node's own) or {@code worker} (frames fanned out to this node)
 * @param stages each stage's figures
 * @param memoryInUseBytes frame memory in use now
 * @param memoryCapacityBytes the pool's cap
 */
public record PipelineStatus(String name, String role, List<StageStatistics> stages, long memoryInUseBytes,
        long memoryCapacityBytes) {

    public PipelineStatus {
        stages = List.copyOf(stages);
    }

    /** Frames the pipeline took in: those its first stage received. */
    public long framesReceived() {
        return stages.isEmpty() ? 0 : stages.get(0).received();
    }

    /** Frames dropped by a full queue, in every stage. */
    public long framesDropped() {
        return stages.stream().mapToLong(StageStatistics::dropped).sum();
    }

    /** Frames a stage could not process, in every stage. */
    public long framesFailed() {
        return stages.stream().mapToLong(StageStatistics::failed).sum();
    }

    /** Frames waiting in the stages' queues now. */
    public long framesQueued() {
        return stages.stream().mapToLong(StageStatistics::queueSize).sum();
    }
}
