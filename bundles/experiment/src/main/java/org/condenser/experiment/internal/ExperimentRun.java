package org.condenser.experiment.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.condenser.api.data.DataArray;
import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Estimate;
import org.condenser.api.experiment.ExperimentPlan;
import org.condenser.api.experiment.ExperimentProgress;
import org.condenser.api.experiment.ExperimentState;
import org.condenser.api.experiment.Measurement;
import org.condenser.api.experiment.Policy;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.api.instrument.Spectrometer;

/**
 * One automated experiment, run on its own thread: survey, candidates, then measure where the policy
 * points until a stopping rule ends it. Everything goes through the public instrument, so the safety
 * envelope judges every probe position; every proposal and what became of it is kept as a step.
 */
final class ExperimentRun implements Runnable {

    /** Features kept per candidate from the patch embedding. */
    static final int FEATURES = 6;
    /** Measurements before the uncertainty rule may end a run: a model on fewer knows too little to trust its doubt. */
    static final int UNCERTAINTY_AFTER = 10;

    /** What became of one proposal. */
    enum Outcome { MEASURED, REFUSED, FAILED, SKIPPED }

    /** One proposal and what became of it, for the results and their provenance. */
    record Step(int number, Outcome outcome, double[] position, double value, int attempts, String message, Instant time) {
    }

    /** What the run made, for the results file. */
    record Results(DataArray survey, Candidates candidates, List<Step> steps, List<DataArray> spectra,
            Optional<Estimate> estimate) {
    }

    /** How the measuring ended, and why. */
    private record Ending(ExperimentState state, String reason) {
    }

    private final String id;
    private final ExperimentPlan plan;
    private final Instrument instrument;
    private final Policy policy;
    private final Scalarizer scalarizer;
    private final Limits limits;
    private final Consumer<ExperimentProgress> publish;
    private final List<Step> steps = new ArrayList<>();
    private final List<DataArray> spectra = new ArrayList<>();
    private volatile boolean stopRequested;
    private volatile ExperimentProgress progress;
    private final Instant started = Instant.now();
    private Instant ended;
    private volatile ExperimentState endState;
    private volatile String endReason;
    private Results results;
    private int measured;
    private int refused;
    private int failed;
    private int skipped;
    private double lastValue = Double.NaN;
    private double uncertainty = Double.NaN;
    private long lastPublished;

    /** How patient a run is with a policy and an instrument that misbehave, and how often it reports. */
    record Limits(int refusalsInARow, int failuresInARow, long progressIntervalMillis) {
    }

    ExperimentRun(String id, ExperimentPlan plan, Instrument instrument, Policy policy, Scalarizer scalarizer, Limits limits,
            Consumer<ExperimentProgress> publish) {
        this.id = id;
        this.plan = plan;
        this.instrument = instrument;
        this.policy = policy;
        this.scalarizer = scalarizer;
        this.limits = limits;
        this.publish = publish;
        this.progress = progress(ExperimentState.STARTING, "surveying the field", "");
    }

    String id() {
        return id;
    }

    ExperimentPlan plan() {
        return plan;
    }

    Instant started() {
        return started;
    }

    Instant ended() {
        return ended;
    }

    ExperimentProgress progress() {
        return progress;
    }

    /** Asks the run to stop after the measurement in hand. */
    void stop() {
        stopRequested = true;
    }

    /** What the run made; null until it ended, or when it ended before its survey. */
    Results results() {
        return results;
    }

    @Override
    public void run() {
        report(ExperimentState.STARTING, "surveying the field", true);
        ExperimentState end;
        String reason;
        DataArray survey = null;
        Candidates candidates = null;
        Policy.Session session = null;
        ScanController scan = null;
        try {
            scan = instrument.capability(ScanController.class).orElseThrow(
                    () -> new IllegalStateException(instrument.id() + " has no scan to survey with"));
            Spectrometer spectrometer = instrument.capability(Spectrometer.class).orElseThrow(
                    () -> new IllegalStateException(instrument.id() + " has no spectrometer to measure with"));
            ScanParameters current = scan.frameParameters();
            double fieldOfView = plan.fieldOfView() > 0 ? plan.fieldOfView() : current.fieldOfView();
            ScanParameters parameters = new ScanParameters(plan.imageSize(), plan.imageSize(), fieldOfView,
                    plan.pixelTime(), current.rotation());
            survey = scan.record(parameters, List.of(ScanChannel.HAADF)).get(0);
            float[] pixels = new float[plan.imageSize() * plan.imageSize()];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) survey.getDouble(i);
            }
            candidates = PatchFeatures.of(pixels, plan.imageSize(), plan.imageSize(), plan.stride(), plan.patch(), FEATURES);
            session = policy.open(candidates, plan.seed());
            report(ExperimentState.RUNNING, candidates.size() + " candidates from a " + plan.imageSize() + " x "
                    + plan.imageSize() + " survey", true);
            Ending ending = measure(scan, spectrometer, candidates, session);
            end = ending.state();
            reason = ending.reason();
        } catch (InstrumentException e) {
            end = ExperimentState.FAILED;
            reason = "the survey failed: " + e.getMessage();
        } catch (RuntimeException e) {
            end = ExperimentState.FAILED;
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (scan != null) {
            try {
                scan.park();
            } catch (InstrumentException | RuntimeException e) {
                reason += "; the probe was not parked: " + e.getMessage();
            }
        }
        ended = Instant.now();
        if (survey != null) {
            Optional<Estimate> estimate = Optional.empty();
            try {
                estimate = session.estimate();
            } catch (RuntimeException e) {
                reason += "; the policy gave no estimate: " + e;
            }
            results = new Results(survey, candidates, List.copyOf(steps), List.copyOf(spectra), estimate);
        }
        // the ended state is told once its results are written (see written), so whoever sees it finds the file
        endState = end;
        endReason = reason;
        progress = progress(ExperimentState.RUNNING, "ended (" + reason + "); writing the results", "");
    }

    /** The loop; answers how it ended and why. */
    private Ending measure(ScanController scan, Spectrometer spectrometer, Candidates candidates, Policy.Session session) {
        boolean[] spent = new boolean[candidates.size()];
        int refusedInARow = 0;
        int failedInARow = 0;
        while (true) {
            if (stopRequested) {
                return new Ending(ExperimentState.STOPPED, "stopped on request after " + measured + " measurements");
            }
            if (measured >= plan.budget()) {
                return new Ending(ExperimentState.FINISHED, "the budget of " + plan.budget() + " measurements is spent");
            }
            Optional<double[]> proposal = session.next();
            if (proposal.isEmpty()) {
                return new Ending(ExperimentState.FINISHED, "policy " + plan.policy() + " has nothing more to measure");
            }
            double[] position = proposal.get();
            int at = position != null && position.length == 2 ? candidates.indexOf(position) : -1;
            String refusal = refusal(position, at, spent);
            ProbePosition probe = refusal == null ? new ProbePosition(position[0], position[1]) : null;
            boolean moved = false;
            String problem = null;
            if (probe != null) {
                try {
                    scan.moveProbe(probe);
                    moved = true;
                } catch (InstrumentException e) {
                    if (e.status() == RecordStatus.REFUSED) {
                        refusal = e.getMessage(); // the envelope's word: it names the property, the value and the rule
                    } else {
                        problem = "the probe did not move: " + e.getMessage(); // a fault: tried again below
                    }
                }
            }
            if (refusal != null) {
                refused++;
                refusedInARow++;
                step(Outcome.REFUSED, position, Double.NaN, 0, refusal);
                if (at >= 0) {
                    spent[at] = true;
                    session.exclude(position, refusal);
                }
                if (refusedInARow >= limits.refusalsInARow()) {
                    return new Ending(ExperimentState.FAILED, "policy " + plan.policy() + " proposed " + refusedInARow
                            + " refused points in a row; the last: " + refusal);
                }
                continue;
            }
            refusedInARow = 0;
            spent[at] = true;
            DataArray spectrum = null;
            int attempts = 0;
            while (spectrum == null && attempts < plan.attempts() && !stopRequested) {
                attempts++;
                try {
                    if (!moved || attempts > 1) {
                        // a failure may have left the probe anywhere: place it again before each retry
                        scan.moveProbe(probe);
                        moved = true;
                    }
                    spectrum = spectrometer.spectrum(plan.exposure());
                } catch (InstrumentException | RuntimeException e) {
                    problem = "attempt " + attempts + " of " + plan.attempts() + " failed: " + e.getMessage();
                    report(ExperimentState.RUNNING, problem, false);
                }
            }
            if (spectrum == null) {
                failed++;
                failedInARow++;
                String why = problem == null ? "stopped before it was measured" : problem;
                step(Outcome.FAILED, position, Double.NaN, attempts, why);
                session.exclude(position, why);
                if (failedInARow >= limits.failuresInARow()) {
                    return new Ending(ExperimentState.FAILED, "the instrument failed " + failedInARow
                            + " points in a row; the last: " + why);
                }
                continue;
            }
            failedInARow = 0;
            double value;
            try {
                value = scalarizer.scalar(spectrum);
            } catch (RuntimeException e) {
                value = Double.NaN;
                problem = "the scalarizer failed: " + e.getMessage();
            }
            if (!Double.isFinite(value)) {
                skipped++;
                String why = problem != null && problem.startsWith("the scalarizer") ? problem
                        : scalarizer.spec() + " gave " + value + " here; the point is skipped";
                step(Outcome.SKIPPED, position, value, attempts, why);
                session.exclude(position, why);
                continue;
            }
            measured++;
            lastValue = value;
            spectra.add(spectrum);
            step(Outcome.MEASURED, position, value, attempts, attempts > 1 ? "measured at attempt " + attempts : "");
            session.observe(new Measurement(position, value));
            Optional<Estimate> estimate = session.estimate();
            uncertainty = estimate.map(Estimate::maxSd).orElse(Double.NaN);
            report(ExperimentState.RUNNING, "", false);
            if (plan.uncertainty() > 0 && measured >= UNCERTAINTY_AFTER && uncertainty <= plan.uncertainty()) {
                return new Ending(ExperimentState.FINISHED, "the largest uncertainty, " + uncertainty + ", is within "
                        + plan.uncertainty());
            }
        }
    }

    /** Why a proposal is refused before the instrument is asked, or null when it may be measured. */
    private static String refusal(double[] position, int at, boolean[] spent) {
        if (position == null || position.length != 2) {
            return "the proposal is not a (y, x) position";
        }
        if (!Double.isFinite(position[0]) || !Double.isFinite(position[1])) {
            return "the proposal (" + position[0] + ", " + position[1] + ") is not a finite position";
        }
        if (position[0] < 0 || position[0] > 1 || position[1] < 0 || position[1] > 1) {
            return "the proposal (" + position[0] + ", " + position[1]
                    + ") lies outside the scan field; each coordinate must be within 0..1";
        }
        if (at < 0) {
            return "the proposal (" + position[0] + ", " + position[1] + ") is not among the candidates";
        }
        if (spent[at]) {
            return "the proposal (" + position[0] + ", " + position[1] + ") was already measured or refused";
        }
        return null;
    }

    private void step(Outcome outcome, double[] position, double value, int attempts, String message) {
        steps.add(new Step(steps.size() + 1, outcome, position == null ? new double[0] : position.clone(), value, attempts,
                message, Instant.now()));
        if (outcome != Outcome.MEASURED) {
            report(ExperimentState.RUNNING, outcome.name().toLowerCase(java.util.Locale.ROOT) + ": " + message, true);
        }
    }

    private ExperimentProgress progress(ExperimentState state, String message, String file) {
        return new ExperimentProgress(id, instrument.id(), plan.policy(), state, measured, refused, failed, skipped,
                plan.budget(), lastValue, uncertainty, message, file, Instant.now());
    }

    /** Updates the progress, and publishes it when it matters or when the interval has passed. */
    private void report(ExperimentState state, String message, boolean always) {
        progress = progress(state, message, "");
        long now = System.nanoTime();
        if (always || state.ended() || now - lastPublished >= limits.progressIntervalMillis() * 1_000_000) {
            lastPublished = now;
            publish.accept(progress);
        }
    }

    /** How the run ended and why; null while it runs. */
    ExperimentState endState() {
        return endState;
    }

    String endReason() {
        return endReason;
    }

    /** Ends the run's progress once its results are written (file) or could not be (problem). */
    void written(String file, String problem) {
        String message = problem == null ? endReason : endReason + "; " + problem;
        progress = progress(endState, message, file == null ? "" : file);
        publish.accept(progress);
    }
}
