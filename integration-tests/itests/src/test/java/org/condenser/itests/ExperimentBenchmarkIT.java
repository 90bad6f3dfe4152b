package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.condenser.api.analysis.Analyses;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Estimate;
import org.condenser.api.experiment.ExperimentPlan;
import org.condenser.api.experiment.ExperimentProgress;
import org.condenser.api.experiment.Experiments;
import org.condenser.api.experiment.Measurement;
import org.condenser.api.experiment.Policy;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.api.instrument.StatusState;
import org.condenser.driver.sim.GroundTruth;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Benchmark, not a test (README, "Benchmarks"; skipped unless -Dcondenser.benchmark=true): how many
 * measurements each policy needs before the map of the scalar is right (R² ≥ 0.9 against the
 * simulated specimen's ground truth), and what a Gaussian-process step costs.
 *
 * <p>The experiments are real: the experiment service's loop, the public instrument with its
 * envelope, the analysis scalarizer, the twin's spectrometer with shot noise. Each policy is watched
 * through a decorator registered as a policy of its own, which passes every call to the real one
 * and, at checkpoints, scores the map: the Gaussian process's own estimate, and for grid and random
 * (which have none) the same Gaussian-process model fed their measurements. The truth is the same
 * scalarizer over the twin's noise-free spectrum at the specimen point under every candidate (drift
 * off, so each candidate's point stays put).
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ExperimentBenchmarkIT {

    private static final String SCALAR = "ratio:10:25:-3:3";
    private static final double FIELD = 48e-9;
    private static final double STAGE_X = -14e-9;

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    ConfigurationAdmin configurations;

    @InjectService(timeout = 20_000)
    Experiments experiments;

    @InjectService(timeout = 20_000)
    Analyses analyses;

    /** The policy a decorator passes to, found by name. */
    private Policy policy(String name) {
        try {
            ServiceReference<Policy> found = context.getServiceReferences(Policy.class, "(" + Policy.NAME + "=" + name + ")")
                    .iterator().next();
            return context.getService(found);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** What a watched run saw: R² at each checkpoint, when 0.9 was reached, and the policy's time per step. */
    private static final class Watch {
        final List<String> checkpoints = new ArrayList<>();
        int reached = -1;
        long policyNanos;
        int steps;
        long measuredNanos;
    }

    /**
     * A policy that passes to {@code inner} and scores the map at checkpoints; ends the run (nothing
     * more to propose) once R² ≥ 0.9, or at the cap.
     */
    private Policy watched(Policy inner, Policy reconstruction, double[] truth, Watch watch, int cap, boolean score) {
        return (candidates, seed) -> {
            Policy.Session session = inner.open(candidates, seed);
            Policy.Session model = reconstruction == null ? session : reconstruction.open(candidates, seed);
            return new Policy.Session() {
                int observed;
                int next = 10;
                long lastEnd;

                @Override
                public Optional<double[]> next() {
                    if (watch.reached > 0 || observed >= cap) {
                        return Optional.empty();
                    }
                    long start = System.nanoTime();
                    if (lastEnd != 0) {
                        watch.measuredNanos += start - lastEnd;
                    }
                    Optional<double[]> proposal = session.next();
                    watch.policyNanos += System.nanoTime() - start;
                    lastEnd = System.nanoTime();
                    return proposal;
                }

                @Override
                public void observe(Measurement measurement) {
                    long start = System.nanoTime();
                    session.observe(measurement);
                    watch.policyNanos += System.nanoTime() - start;
                    watch.steps++;
                    lastEnd = System.nanoTime();
                    if (model != session) {
                        model.observe(measurement);
                    }
                    observed++;
                    if (score && observed == next) {
                        double r2 = r2(truth, model.estimate().orElseThrow().mean());
                        watch.checkpoints.add(String.format(Locale.ROOT, "%d:%.3f", observed, r2));
                        if (r2 >= 0.9) {
                            watch.reached = observed;
                        }
                        next = Math.max(next + 1, (int) Math.round(next * 1.1));
                    }
                    lastEnd = System.nanoTime();
                }

                @Override
                public void exclude(double[] position, String reason) {
                    session.exclude(position, reason);
                    if (model != session) {
                        model.exclude(position, reason);
                    }
                }

                @Override
                public Optional<Estimate> estimate() {
                    return model.estimate();
                }
            };
        };
    }

    private static double r2(double[] truth, double[] estimate) {
        double mean = 0;
        for (double t : truth) {
            mean += t / truth.length;
        }
        double residual = 0;
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            residual += (truth[i] - estimate[i]) * (truth[i] - estimate[i]);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        return 1 - residual / total;
    }

    /** The scalar of the noise-free spectrum under each candidate of an edge x edge survey. */
    private double[] truth(GroundTruth twin, int survey, int stride) {
        ScanParameters scan = new ScanParameters(survey, survey, FIELD, 10e-6, 0);
        List<Double> values = new ArrayList<>();
        int first = (stride - 1) / 2;
        for (int row = first; row < survey; row += stride) {
            for (int column = first; column < survey; column += stride) {
                double[] point = twin.specimenPoint(scan, row, column, STAGE_X, 0);
                DataArray spectrum = twin.expectedSpectrum(point[0], point[1], 0.01);
                int channels = spectrum.shape()[0];
                DataArray image = new DataArray("truth", spectrum.dtype(), new int[] { 1, 1, channels }, spectrum.data(),
                        spectrum.unit(), List.of(new Axis("y", "", 0, 1, 1), new Axis("x", "", 0, 1, 1),
                                spectrum.axes().get(0)), Map.of());
                values.add(analyses.apply(SCALAR, image).getDouble(0));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Runs one experiment through the service with a watched policy; answers what the watch saw. */
    private Watch run(String name, Policy inner, Policy reconstruction, double[] truth, int survey, int stride, int cap,
            long seed, boolean score) throws Exception {
        Watch watch = new Watch();
        Hashtable<String, Object> properties = new Hashtable<>();
        String registered = "bench-" + name + "-" + seed + "-" + survey;
        properties.put(Policy.NAME, registered);
        ServiceRegistration<Policy> registration = context.registerService(Policy.class,
                watched(inner, reconstruction, truth, watch, cap, score), properties);
        try {
            ExperimentPlan plan = new ExperimentPlan("sim-stem", registered, SCALAR, cap, 0, survey, FIELD, 10e-6, stride,
                    13 * survey / 256 | 1, 0.01, 3, seed, "benchmark");
            String[] ids = new String[1];
            // the service binds the new policy a moment after its registration
            Await.until(registered + " is taken", () -> {
                try {
                    ids[0] = experiments.start(plan).id();
                    return true;
                } catch (IllegalArgumentException notYetBound) {
                    return false;
                }
            }, () -> "");
            String id = ids[0];
            String started = id;
            Await.until(name + " ends", Duration.ofMinutes(5), () -> experiments.progress(started)
                    .map(p -> p.state().ended()).orElse(false), () -> String.valueOf(experiments.progress(started)));
            ExperimentProgress done = experiments.progress(id).orElseThrow();
            assertThat(done.refused() + done.failed()).as(done.toString()).isZero();
            return watch;
        } finally {
            registration.unregister();
        }
    }

    @Test
    void measurementsToAFaithfulMapAndTheCostOfAPolicyStep() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(context.getProperty("condenser.benchmark")),
                "a benchmark: run with -Dcondenser.benchmark=true");
        Configuration still = configurations.getConfiguration("org.condenser.driver.sim", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("driftX", 0.0);
        settings.put("driftY", 0.0);
        still.update(settings);
        StringBuilder report = new StringBuilder();
        try {
            Await.until("the still twin is online", Duration.ofSeconds(30), () -> {
                Instrument found = Instruments.find(context, "sim-stem");
                return found != null && found.status().state() == StatusState.ONLINE
                        && found.read(List.of("sim:C10")).size() == 1;
            }, () -> "");
            Instrument sim = Instruments.find(context, "sim-stem");
            GroundTruth twin = context.getService(context.getServiceReference(GroundTruth.class));
            assertThat(sim.write(Map.of(PropertyNames.STAGE_X, STAGE_X)).get(0).status().name()).isEqualTo("OK");
            double[] truth = truth(twin, 256, 4);
            int points = truth.length;
            report.append(String.format(Locale.ROOT, "map: %d candidates (64 x 64 over %.0f nm, every 4th pixel of a"
                    + " 256-pixel survey), scalar %s%n", points, FIELD * 1e9, SCALAR));
            Policy gp = policy("gp-ucb");
            List<Integer> gpReached = new ArrayList<>();
            List<Integer> randomReached = new ArrayList<>();
            for (long seed = 1; seed <= 3; seed++) {
                Watch g = run("gp-ucb", gp, null, truth, 256, 4, points, seed, true);
                Watch r = run("random", policy("random"), gp, truth, 256, 4, points, seed, true);
                gpReached.add(g.reached);
                randomReached.add(r.reached);
                report.append(String.format(Locale.ROOT, "seed %d: gp-ucb R2>=0.9 after %d (%s)%n", seed, g.reached,
                        String.join(" ", g.checkpoints)));
                report.append(String.format(Locale.ROOT, "seed %d: random R2>=0.9 after %d (%s)%n", seed, r.reached,
                        String.join(" ", r.checkpoints)));
            }
            Watch grid = run("grid", policy("grid"), gp, truth, 256, 4, points, 1, true);
            report.append(String.format(Locale.ROOT, "grid (row by row): R2>=0.9 after %d (%s)%n", grid.reached,
                    String.join(" ", grid.checkpoints)));
            double gpMean = gpReached.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
            double randomMean = randomReached.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
            report.append(String.format(Locale.ROOT, "gp-ucb %s, mean %.0f = %.1f%% of the grid's %d points (goal <= 15%%);"
                    + " random %s, mean %.0f (gp/random %.2f, goal < 1); grid row by row %d%n", gpReached, gpMean,
                    100 * gpMean / points, points, randomReached, randomMean, gpMean / randomMean, grid.reached));

            // the cost of a step: 100 observations over 16384 candidates (a 128-pixel survey, every pixel)
            Watch gpSteps = run("gp-steps", gp, null, null, 128, 1, 100, 1, false);
            Watch randomSteps = run("random-steps", policy("random"), null, null, 128, 1, 100, 1, false);
            double gpMillis = gpSteps.policyNanos / 1e6 / gpSteps.steps;
            double randomMillis = randomSteps.policyNanos / 1e6 / randomSteps.steps;
            double measureMillis = gpSteps.measuredNanos / 1e6 / Math.max(1, gpSteps.steps - 1);
            report.append(String.format(Locale.ROOT, "policy step over 16384 candidates, 100 observations: gp-ucb %.2f ms,"
                    + " random %.3f ms; a measurement (probe, spectrum, scalar) %.2f ms; gp step / measurement %.2f%n",
                    gpMillis, randomMillis, measureMillis, gpMillis / measureMillis));
            System.out.print(report);
            Path out = Files.createDirectories(Path.of(context.getProperty("condenser.benchmark.output")));
            Files.writeString(out.resolve("experiment.txt"), report);
            sim.write(Map.of(PropertyNames.STAGE_X, 0.0));
        } finally {
            still.delete();
        }
    }
}
