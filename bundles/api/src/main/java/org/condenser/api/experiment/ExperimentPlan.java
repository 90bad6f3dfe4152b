package org.condenser.api.experiment;

import java.util.Objects;

/**
 * What an automated STEM experiment does: a survey image of the field, its pixels (every
 * {@code stride}-th) as candidates with features from the image patch around each, then, until the
 * budget or the uncertainty runs out, a spectrum where the policy points, scalarized by an analysis.
 *
 * @param instrument the instrument's id
 * @param policy the policy's name ({@link Policy#NAME})
 * @param scalarizer the analysis that turns a spectrum into the number the policy learns, an analysis
 *        spec such as {@code ratio:10:25:-3:3}, {@code window:LO:HI} or {@code peak:LO:HI}
 * @param budget the most measurements to make, 1 or more
 * @param uncertainty stop once the model's largest uncertainty (in the scalar's unit) is at most this;
 *        0 never stops for it
 * @param imageSize the survey image's edge in pixels
 * @param fieldOfView the survey's field of view, m; 0 keeps the instrument's
 * @param pixelTime the survey's dwell per pixel, s
 * @param stride candidates every this many pixels along each edge
 * @param patch the edge, in pixels, of the image patch a candidate's features come from (odd, 3 or more)
 * @param exposure each spectrum's exposure, s
 * @param attempts how many times a failed measurement is tried before its point is skipped, 1 or more
 * @param seed seeds the policy's random choices
 * @param user who asked for it, for the provenance record (empty: not known)
 */
public record ExperimentPlan(String instrument, String policy, String scalarizer, int budget, double uncertainty,
        int imageSize, double fieldOfView, double pixelTime, int stride, int patch, double exposure, int attempts,
        long seed, String user) {

    public ExperimentPlan {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(scalarizer, "scalarizer");
        user = user == null ? "" : user;
        check(budget >= 1, "budget " + budget + " must be 1 or more measurements");
        check(uncertainty >= 0 && Double.isFinite(uncertainty), "uncertainty " + uncertainty + " must be 0 or more");
        check(imageSize >= 8 && imageSize <= 1024, "image size " + imageSize + " must lie within 8..1024 pixels");
        check(fieldOfView >= 0 && Double.isFinite(fieldOfView), "field of view " + fieldOfView + " m must be 0 or more");
        check(pixelTime > 0 && Double.isFinite(pixelTime), "pixel time " + pixelTime + " s must be positive");
        check(stride >= 1 && stride <= imageSize, "stride " + stride + " must lie within 1.." + imageSize);
        check(patch >= 3 && patch % 2 == 1 && patch <= imageSize, "patch " + patch
                + " must be an odd number of pixels within 3.." + imageSize);
        check(exposure > 0 && Double.isFinite(exposure), "exposure " + exposure + " s must be positive");
        check(attempts >= 1 && attempts <= 10, "attempts " + attempts + " must lie within 1..10");
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * A plan with the usual survey (64 x 64 pixels at the instrument's field of view, 10 µs a pixel,
     * every pixel a candidate, 9-pixel patches, 10 ms spectra, 3 attempts) and no uncertainty stop.
     */
    public static ExperimentPlan of(String instrument, String policy, String scalarizer, int budget) {
        return new ExperimentPlan(instrument, policy, scalarizer, budget, 0, 64, 0, 10e-6, 1, 9, 0.01, 3, 1, "");
    }

    public ExperimentPlan withSurvey(int imageSize, double fieldOfView, int stride, int patch) {
        return new ExperimentPlan(instrument, policy, scalarizer, budget, uncertainty, imageSize, fieldOfView, pixelTime,
                stride, patch, exposure, attempts, seed, user);
    }

    public ExperimentPlan withStops(int budget, double uncertainty) {
        return new ExperimentPlan(instrument, policy, scalarizer, budget, uncertainty, imageSize, fieldOfView, pixelTime,
                stride, patch, exposure, attempts, seed, user);
    }
}
