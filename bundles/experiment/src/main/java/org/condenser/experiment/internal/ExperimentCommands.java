package org.condenser.experiment.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.experiment.ExperimentPlan;
import org.condenser.api.experiment.ExperimentProgress;
import org.condenser.api.instrument.Instrument;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code cnd:experiment}: starts an automated experiment ({@code start} with options), shows where
 * experiments stand ({@code status [ID]}), stops one ({@code stop ID}), and lists the policies.
 */
@Component(service = ExperimentCommands.class, immediate = true,
        property = { "osgi.command.scope=cnd", "osgi.command.function=experiment" })
public final class ExperimentCommands {

    static final String DEFAULT_SCALARIZER = "ratio:10:25:-3:3";
    private static final String USAGE = "experiment start [--instrument ID] [--policy grid|random|gp-ucb|gp-ei]"
            + " [--scalar SPEC] [--budget N] [--uncertainty SD] [--size PX] [--fov M] [--stride PX] [--patch PX]"
            + " [--exposure S] [--attempts N] [--seed N] | status [ID] | stop ID | policies";

    @Reference
    private ExperimentService experiments;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Instrument> instruments;

    @Descriptor("automated experiments: start [--policy P --scalar SPEC --budget N …] | status [ID] | stop ID | policies")
    public void experiment(String... arguments) {
        System.out.println(run(arguments)); // a command prints: a returned value shows only inside echo (…)
    }

    String run(String... arguments) {
        if (arguments.length == 0) {
            throw new IllegalArgumentException(USAGE);
        }
        switch (arguments[0]) {
        case "start":
            return describe(experiments.start(plan(arguments)));
        case "status":
            if (arguments.length > 1) {
                return describe(known(experiments.progress(arguments[1]), arguments[1]));
            }
            List<ExperimentProgress> all = experiments.list();
            if (all.isEmpty()) {
                return "no experiments since the runtime started; results go to " + experiments.resultsFolder();
            }
            StringBuilder out = new StringBuilder();
            all.forEach(p -> out.append(describe(p)).append('\n'));
            return out.toString().stripTrailing();
        case "stop":
            if (arguments.length != 2) {
                throw new IllegalArgumentException("experiment stop ID");
            }
            return "stopping: " + describe(known(experiments.stop(arguments[1]), arguments[1]));
        case "policies":
            return String.join(", ", experiments.policyNames());
        default:
            throw new IllegalArgumentException("unknown experiment command '" + arguments[0] + "'; " + USAGE);
        }
    }

    private ExperimentProgress known(Optional<ExperimentProgress> progress, String id) {
        return progress.orElseThrow(() -> new IllegalArgumentException("no experiment '" + id + "'; there are "
                + experiments.list().stream().map(ExperimentProgress::id).toList()));
    }

    private ExperimentPlan plan(String... arguments) {
        // what the user leaves out is the usual plan's (ExperimentPlan.of)
        ExperimentPlan usual = ExperimentPlan.of("", "gp-ucb", DEFAULT_SCALARIZER, 100);
        String instrument = null;
        String policy = usual.policy();
        String scalar = usual.scalarizer();
        int budget = usual.budget();
        double uncertainty = usual.uncertainty();
        int size = usual.imageSize();
        double fov = usual.fieldOfView();
        int stride = usual.stride();
        int patch = usual.patch();
        double exposure = usual.exposure();
        int attempts = usual.attempts();
        long seed = usual.seed();
        for (int i = 1; i < arguments.length; i++) {
            String option = arguments[i];
            if (i + 1 >= arguments.length) {
                throw new IllegalArgumentException(option + " needs a value; " + USAGE);
            }
            String value = arguments[++i];
            try {
                switch (option) {
                case "--instrument" -> instrument = value;
                case "--policy" -> policy = value;
                case "--scalar" -> scalar = value;
                case "--budget" -> budget = Integer.parseInt(value);
                case "--uncertainty" -> uncertainty = Double.parseDouble(value);
                case "--size" -> size = Integer.parseInt(value);
                case "--fov" -> fov = Double.parseDouble(value);
                case "--stride" -> stride = Integer.parseInt(value);
                case "--patch" -> patch = Integer.parseInt(value);
                case "--exposure" -> exposure = Double.parseDouble(value);
                case "--attempts" -> attempts = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option '" + option + "'; " + USAGE);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + value + "' is not a number");
            }
        }
        if (instrument == null) {
            List<Instrument> all = instruments == null ? List.of() : instruments;
            if (all.size() != 1) {
                throw new IllegalArgumentException("name the instrument with --instrument; there are "
                        + all.stream().map(Instrument::id).sorted().toList());
            }
            instrument = all.get(0).id();
        }
        // the person at this shell is the operating-system user who started it
        return new ExperimentPlan(instrument, policy, scalar, budget, uncertainty, size, fov, usual.pixelTime(), stride, patch,
                exposure, attempts, seed, System.getProperty("user.name", ""));
    }

    static String describe(ExperimentProgress p) {
        StringBuilder out = new StringBuilder();
        out.append(p.id()).append(' ').append(p.state().name().toLowerCase(Locale.ROOT)).append(": ").append(p.policy())
                .append(" on ").append(p.instrument()).append(", ").append(p.measured()).append('/').append(p.budget())
                .append(" measured, ").append(p.refused()).append(" refused, ").append(p.failed()).append(" failed, ")
                .append(p.skipped()).append(" skipped");
        if (Double.isFinite(p.lastValue())) {
            out.append(String.format(Locale.ROOT, ", last value %.5g", p.lastValue()));
        }
        if (Double.isFinite(p.uncertainty())) {
            out.append(String.format(Locale.ROOT, ", largest uncertainty %.3g", p.uncertainty()));
        }
        if (!p.message().isEmpty()) {
            out.append(" — ").append(p.message());
        }
        if (!p.file().isEmpty()) {
            out.append("\n  results: ").append(p.file());
        }
        return out.toString();
    }
}
