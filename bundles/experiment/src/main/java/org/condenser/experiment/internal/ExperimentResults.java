package org.condenser.experiment.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.experiment.Estimate;
import org.condenser.api.experiment.ExperimentPlan;
import org.condenser.api.provenance.Provenance;

/**
 * What an experiment's EMD file holds: the survey, every spectrum measured with its position and
 * scalar, the model's map and its uncertainty when the policy has one, and in the {@code experiment}
 * group the plan, how it ended, and every step — each proposal, what became of it, when, after how
 * many attempts, and the instrument's state the spectrum was taken in.
 */
final class ExperimentResults {

    private ExperimentResults() {
    }

    static EmdContent content(ExperimentRun run, String scalarizer, Map<String, Object> provenanceGroup) {
        ExperimentRun.Results results = run.results();
        ExperimentPlan plan = run.plan();
        List<DataArray> arrays = new ArrayList<>();
        DataArray survey = results.survey();
        arrays.add(new DataArray("survey", survey.dtype(), survey.shape(), survey.data(), survey.unit(), survey.axes(),
                survey.metadata()));
        List<ExperimentRun.Step> measured = results.steps().stream()
                .filter(s -> s.outcome() == ExperimentRun.Outcome.MEASURED).toList();
        int n = measured.size();
        if (n > 0) {
            arrays.add(spectra(results.spectra(), scalarizer));
            float[] positions = new float[n * 2];
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                positions[2 * i] = (float) measured.get(i).position()[0];
                positions[2 * i + 1] = (float) measured.get(i).position()[1];
                values[i] = (float) measured.get(i).value();
            }
            Axis measurement = new Axis("measurement", "", 0, 1, n);
            arrays.add(DataArray.ofFloats("positions", positions, "", List.of(measurement, new Axis("y, x", "", 0, 1, 2)),
                    Map.of("meaning", "probe (y, x) as fractions of the survey's field, in the order measured")));
            arrays.add(DataArray.ofFloats("values", values, "", List.of(measurement), Map.of("scalarizer", scalarizer)));
        }
        results.estimate().ifPresent(estimate -> arrays.addAll(maps(estimate, results, survey, plan.stride(), scalarizer)));
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        groups.put("experiment", description(run, scalarizer));
        if (!provenanceGroup.isEmpty()) {
            groups.put(Provenance.GROUP, provenanceGroup);
        }
        return new EmdContent(arrays, groups);
    }

    private static DataArray spectra(List<DataArray> spectra, String scalarizer) {
        int channels = spectra.get(0).shape()[0];
        float[] counts = new float[spectra.size() * channels];
        for (int i = 0; i < spectra.size(); i++) {
            DataArray one = spectra.get(i);
            for (int c = 0; c < channels && c < one.elements(); c++) {
                counts[i * channels + c] = (float) one.getDouble(c);
            }
        }
        return DataArray.ofFloats("spectra", counts, spectra.get(0).unit(),
                List.of(new Axis("measurement", "", 0, 1, spectra.size()), spectra.get(0).axes().get(0)),
                Map.of("scalarizer", scalarizer));
    }

    private static List<DataArray> maps(Estimate estimate, ExperimentRun.Results results, DataArray survey, int stride,
            String scalarizer) {
        int rows = PatchFeatures.perEdge(survey.shape()[0], stride);
        int columns = PatchFeatures.perEdge(survey.shape()[1], stride);
        double[] mean = estimate.mean();
        double[] sd = estimate.sd();
        if (mean.length != rows * columns) {
            return List.of(); // a policy's estimate that does not cover the candidates is not a map
        }
        float[] m = new float[mean.length];
        float[] s = new float[sd.length];
        for (int i = 0; i < mean.length; i++) {
            m[i] = (float) mean[i];
            s[i] = (float) sd[i];
        }
        Axis y = survey.axes().get(0);
        Axis x = survey.axes().get(1);
        double first = (stride - 1) / 2;
        List<Axis> axes = List.of(new Axis("y", y.unit(), y.offset() + first * y.step(), y.step() * stride, rows),
                new Axis("x", x.unit(), x.offset() + first * x.step(), x.step() * stride, columns));
        Map<String, Object> meaning = Map.of("scalarizer", scalarizer, "meaning",
                "the policy's model over every candidate when the experiment ended");
        return List.of(DataArray.ofFloats("estimate", m, "", axes, meaning),
                DataArray.ofFloats("uncertainty", s, "", axes, meaning));
    }

    private static Map<String, Object> description(ExperimentRun run, String scalarizer) {
        ExperimentPlan plan = run.plan();
        ExperimentRun.Results results = run.results();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", run.id());
        out.put("instrument", plan.instrument());
        out.put("policy", plan.policy());
        out.put("scalarizer", scalarizer);
        out.put("budget", plan.budget());
        out.put("uncertainty_stop", plan.uncertainty());
        out.put("survey_pixels", plan.imageSize());
        out.put("survey_field_of_view_m", results.survey().axes().get(1).step() * plan.imageSize());
        out.put("stride", plan.stride());
        out.put("patch", plan.patch());
        out.put("exposure_s", plan.exposure());
        out.put("attempts", plan.attempts());
        out.put("seed", plan.seed());
        out.put("user", plan.user());
        out.put("candidates", results.candidates().size());
        out.put("state", run.endState().name());
        out.put("reason", run.endReason());
        out.put("started", run.started().toString());
        out.put("ended", run.ended().toString());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ExperimentRun.Outcome outcome : ExperimentRun.Outcome.values()) {
            counts.put(outcome.name().toLowerCase(Locale.ROOT), 0);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        int spectrum = 0;
        for (ExperimentRun.Step step : results.steps()) {
            String outcome = step.outcome().name().toLowerCase(Locale.ROOT);
            counts.merge(outcome, 1, Integer::sum);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("step", step.number());
            one.put("outcome", outcome);
            if (step.position().length == 2 && Double.isFinite(step.position()[0]) && Double.isFinite(step.position()[1])) {
                one.put("y", step.position()[0]);
                one.put("x", step.position()[1]);
            }
            if (Double.isFinite(step.value())) {
                one.put("value", step.value());
            }
            one.put("attempts", step.attempts());
            one.put("time", step.time().toString());
            if (!step.message().isEmpty()) {
                one.put("message", step.message());
            }
            if (step.outcome() == ExperimentRun.Outcome.MEASURED) {
                // the state the instrument reported with this spectrum: each measurement's own provenance
                one.put("spectrum", spectrum);
                one.put("state", results.spectra().get(spectrum).metadata());
                spectrum++;
            }
            steps.add(one);
        }
        out.putAll(counts);
        out.put("steps", steps);
        return out;
    }
}
