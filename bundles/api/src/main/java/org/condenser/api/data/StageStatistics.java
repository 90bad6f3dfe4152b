package org.condenser.api.data;

/**
 * Live figures of one pipeline stage. A drop is always counted here, never silent.
 *
 * @param stage the stage's name
 * @param policy what the queue does when full
 * @param queueSize frames waiting now
 * @param queueFree room left in the queue
 * @param received frames offered to the stage since it started
 * @param dropped frames dropped by the queue policy since it started
 * @param failed frames the stage could not process (bad input), since it started
 * @param meanExecutionNanos mean time to process one frame
 * @param threads threads working on the stage
 */
public record StageStatistics(String stage, DropPolicy policy, int queueSize, int queueFree, long received,
        long dropped, long failed, long meanExecutionNanos, int threads) {
}
