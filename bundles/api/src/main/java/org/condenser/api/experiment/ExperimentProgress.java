package org.condenser.api.experiment;

import java.time.Instant;
import java.util.Objects;

/**
 * Where an automated experiment stands, as posted to Event Admin on {@link #TOPIC} after every step
 * (at most a few times a second) and at every change of state; published as telemetry.
 *
 * @param id the experiment's id
 * @param instrument the instrument it drives
 * @param policy the policy choosing its points
 * @param state where it stands
 * @param measured measurements made
 * @param refused proposals refused (out of range, not a candidate, already measured, refused by the envelope)
 * @param failed measurements that failed every attempt, their points skipped
 * @param skipped measurements whose scalar was not finite, their points skipped
 * @param budget the most measurements it will make
 * @param lastValue the latest scalar, NaN before the first
 * @param uncertainty the model's largest uncertainty now, NaN without a model
 * @param message why it ended, or the latest thing worth telling (a refusal, a retry)
 * @param file the EMD file of its results once written, else empty
 * @param time when this was so
 */
public record ExperimentProgress(String id, String instrument, String policy, ExperimentState state, int measured,
        int refused, int failed, int skipped, int budget, double lastValue, double uncertainty, String message, String file,
        Instant time) {

    /** Event Admin topic of progress events, the progress under {@link #EVENT_PROPERTY}. */
    public static final String TOPIC = "org/condenser/experiment/PROGRESS";

    /** Event property holding the {@link ExperimentProgress}. */
    public static final String EVENT_PROPERTY = "progress";

    public ExperimentProgress {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
        file = file == null ? "" : file;
    }
}
