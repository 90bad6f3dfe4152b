package org.condenser.experiment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Estimate;
import org.condenser.api.experiment.ExperimentPlan;
import org.condenser.api.experiment.ExperimentProgress;
import org.condenser.api.experiment.ExperimentState;
import org.condenser.api.experiment.Measurement;
import org.condenser.api.experiment.Policy;
import org.junit.jupiter.api.Test;

class ExperimentRunTest {

    private final FakeStem stem = new FakeStem();
    private final List<ExperimentProgress> published = new ArrayList<>();

    private ExperimentRun run(Policy policy, ExperimentPlan plan) {
        ExperimentRun run = new ExperimentRun("exp-test", plan, stem, policy,
                new Scalarizer(new SummingAnalyses(), plan.scalarizer()), new ExperimentRun.Limits(10, 5, 0), published::add);
        run.run();
        return run;
    }

    private static ExperimentPlan plan(String policy, int budget) {
        return ExperimentPlan.of("fake", policy, "window:0:4", budget).withSurvey(16, 0, 1, 3);
    }

    private static long count(ExperimentRun run, ExperimentRun.Outcome outcome) {
        return run.results().steps().stream().filter(s -> s.outcome() == outcome).count();
    }

    @Test
    void aGridRunMeasuresUntilItsBudgetIsSpent() {
        ExperimentRun run = run(new GridPolicy(), plan("grid", 12));
        assertEquals(ExperimentState.FINISHED, run.endState());
        assertTrue(run.endReason().contains("budget of 12"), run.endReason());
        assertEquals(12, count(run, ExperimentRun.Outcome.MEASURED));
        assertEquals(12, run.results().spectra().size());
        // the grid goes row by row: the first row, left to right
        assertEquals(0.5 / 16, run.results().steps().get(0).position()[0], 1e-12);
        assertEquals(11.5 / 16, run.results().steps().get(11).position()[1], 1e-12);
        assertEquals(1 + 0.5 / 16, run.results().steps().get(0).value(), 1e-6);
        assertTrue(stem.parked, "the probe is parked at the end");
        assertEquals(ExperimentState.STARTING, published.get(0).state());
    }

    /** A policy that proposes what it is given, then nothing. */
    private static Policy scripted(double[]... proposals) {
        return (candidates, seed) -> new Policy.Session() {
            int next;
            final List<String> excluded = new ArrayList<>();

            @Override
            public Optional<double[]> next() {
                return next < proposals.length ? Optional.of(proposals[next++]) : Optional.empty();
            }

            @Override
            public void observe(Measurement measurement) {
            }

            @Override
            public void exclude(double[] position, String reason) {
                excluded.add(reason);
            }

            @Override
            public Optional<Estimate> estimate() {
                return Optional.empty();
            }
        };
    }

    @Test
    void outOfRangeAndUnknownProposalsAreRefusedAndRecordedAndTheLoopGoesOn() {
        double c = 0.5 / 16;
        ExperimentRun run = run(scripted(new double[] { 1.5, 0.2 }, new double[] { 0.3, 0.3 }, new double[] { c, c },
                new double[] { c, c }, new double[] { Double.NaN, c }), plan("scripted", 10));
        List<ExperimentRun.Step> steps = run.results().steps();
        assertEquals(5, steps.size());
        assertEquals(ExperimentRun.Outcome.REFUSED, steps.get(0).outcome());
        assertTrue(steps.get(0).message().contains("outside the scan field"), steps.get(0).message());
        assertTrue(steps.get(1).message().contains("not among the candidates"), steps.get(1).message());
        assertEquals(ExperimentRun.Outcome.MEASURED, steps.get(2).outcome());
        assertTrue(steps.get(3).message().contains("already measured"), steps.get(3).message());
        assertTrue(steps.get(4).message().contains("not a finite position"), steps.get(4).message());
        assertEquals(ExperimentState.FINISHED, run.endState());
        assertTrue(run.endReason().contains("nothing more to measure"), run.endReason());
        // nothing refused ever moved the probe
        assertEquals(1, stem.moves.size());
        assertEquals(4, run.progress().refused());
    }

    @Test
    void aPolicyThatKeepsProposingRefusedPointsEndsItsExperimentWithTheReason() {
        double[][] outside = new double[50][];
        for (int i = 0; i < outside.length; i++) {
            outside[i] = new double[] { -0.1 * (i + 1), 0.5 };
        }
        ExperimentRun run = run(scripted(outside), plan("rogue", 10));
        assertEquals(ExperimentState.FAILED, run.endState());
        assertTrue(run.endReason().contains("10 refused points in a row"), run.endReason());
        assertTrue(run.endReason().contains("outside the scan field"), run.endReason());
        assertEquals(10, count(run, ExperimentRun.Outcome.REFUSED));
        assertTrue(stem.moves.isEmpty());
    }

    @Test
    void theEnvelopesRefusalIsRecordedAndThePointExcluded() {
        stem.refused = (y, x) -> y < 0.1 && x < 0.2;
        ExperimentRun run = run(new GridPolicy(), plan("grid", 5));
        // the first three points of the first row are refused by the envelope, the next five measured
        assertEquals(3, count(run, ExperimentRun.Outcome.REFUSED), "refusals");
        assertTrue(run.results().steps().get(0).message().contains("envelope"), run.results().steps().get(0).message());
        assertEquals(ExperimentRun.Outcome.MEASURED, run.results().steps().get(3).outcome());
        assertEquals(3.5 / 16, run.results().steps().get(3).position()[1], 1e-12);
        assertEquals(ExperimentState.FINISHED, run.endState(), run.endReason());
        assertEquals(5, stem.moves.size(), "refused positions never moved the probe");
    }

    @Test
    void failedMeasurementsAreRetriedThenSkippedAndNonFiniteScalarsSkipped() {
        double first = 0.5 / 16;
        double second = 1.5 / 16;
        double third = 2.5 / 16;
        stem.flaky = (y, x) -> x == first;
        stem.broken = (y, x) -> x == second;
        stem.garbled = (y, x) -> x == third;
        ExperimentRun run = run(new GridPolicy(), plan("grid", 10));
        List<ExperimentRun.Step> steps = run.results().steps();
        assertEquals(ExperimentRun.Outcome.MEASURED, steps.get(0).outcome());
        assertEquals(2, steps.get(0).attempts(), "the flaky point was measured at its second attempt");
        assertEquals(ExperimentRun.Outcome.FAILED, steps.get(1).outcome());
        assertEquals(3, steps.get(1).attempts());
        assertTrue(steps.get(1).message().contains("did not answer"), steps.get(1).message());
        assertEquals(ExperimentRun.Outcome.SKIPPED, steps.get(2).outcome());
        assertTrue(steps.get(2).message().contains("NaN"), steps.get(2).message());
        assertEquals(ExperimentState.FINISHED, run.endState(), run.endReason());
        assertEquals(10, count(run, ExperimentRun.Outcome.MEASURED));
        assertEquals(1, run.progress().failed());
        assertEquals(1, run.progress().skipped());
    }

    @Test
    void anInstrumentThatKeepsFailingEndsTheExperiment() {
        stem.broken = (y, x) -> true;
        ExperimentRun run = run(new GridPolicy(), plan("grid", 10));
        assertEquals(ExperimentState.FAILED, run.endState());
        assertTrue(run.endReason().contains("failed 5 points in a row"), run.endReason());
        assertEquals(0, count(run, ExperimentRun.Outcome.MEASURED));
    }

    @Test
    void aGaussianProcessRunStopsWhenItsUncertaintyIsSmallEnough() {
        stem.value = (y, x) -> 2.0; // a constant specimen: the model is soon sure of it
        ExperimentRun run = run(new GpUcbPolicy(Configs.gp(-1, 5)), plan("gp-ucb", 200).withStops(200, 0.05));
        assertEquals(ExperimentState.FINISHED, run.endState());
        assertTrue(run.endReason().contains("uncertainty"), run.endReason());
        assertTrue(count(run, ExperimentRun.Outcome.MEASURED) < 60, "measured " + count(run, ExperimentRun.Outcome.MEASURED));
        assertTrue(run.results().estimate().isPresent());
        assertEquals(256, run.results().estimate().get().mean().length);
    }

    @Test
    void aGaussianProcessPolicyNeverProposesAPointTwiceAndEndsWhenAllAreSpent() {
        ExperimentPlan plan = ExperimentPlan.of("fake", "gp-ei", "window:0:4", 100).withSurvey(16, 0, 4, 3);
        ExperimentRun run = run(new GpEiPolicy(Configs.gp(-1, 3)), plan);
        assertEquals(16, count(run, ExperimentRun.Outcome.MEASURED));
        assertEquals(0, count(run, ExperimentRun.Outcome.REFUSED));
        assertTrue(run.endReason().contains("nothing more"), run.endReason());
        assertFalse(run.results().steps().isEmpty());
    }

    @Test
    void patchFeaturesTellSpecimenFromVacuum() {
        float[] image = (float[]) null;
        image = new float[16 * 16];
        for (int i = 0; i < image.length; i++) {
            image[i] = i % 16 < 8 ? 100 : 0;
        }
        Candidates candidates = PatchFeatures.of(image, 16, 16, 1, 3, 6);
        assertEquals(256, candidates.size());
        double left = candidates.features(16 * 8 + 2)[0];
        double right = candidates.features(16 * 8 + 13)[0];
        assertTrue(Math.signum(left) != Math.signum(right), "first feature: " + left + " vs " + right);
        assertEquals(4, PatchFeatures.perEdge(16, 4));
        assertEquals(5, PatchFeatures.perEdge(16, 3)); // rows 1, 4, 7, 10, 13
    }
}
