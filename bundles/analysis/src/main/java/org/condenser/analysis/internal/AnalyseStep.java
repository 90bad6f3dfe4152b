package org.condenser.analysis.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.condenser.api.analysis.Analyses;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFile;
import org.condenser.api.data.EmdFiles;
import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.StepContext;
import org.condenser.api.provenance.DatasetActivity;
import org.condenser.api.provenance.Provenance;
import org.condenser.api.runtime.RuntimeHome;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The flow step {@code analyse}: the run's EMD {@code file} read, its 3-D array taken as a spectrum
 * image (y, x, energy) or, for {@code particles}, an image series (t, y, x) (see
 * {@link Analyses#apply}), and each analysis in the
 * parameter {@code analyses} (default {@code ["sum", "pattern"]}: the sum image and the sum
 * spectrum) run over it and written as EMD with a PNG under {@code output} (default
 * {@code results}) / run. Outputs {@code results}, the files written. A file of the wrong shape or
 * type is bad input, named as such. When the runtime keeps provenance, each result carries its
 * record: the analysis, derived from the file, with the run's lineage (its moves back to the
 * detector) and the record the file carries itself (a series Condenser streamed, a conversion).
 */
@Component(service = FlowStep.class, property = FlowStep.TYPE + "=analyse")
public final class AnalyseStep implements FlowStep {

    private final UnaryOperator<String> properties;
    private final EmdFiles emd;
    private final Analyses analyses;

    /** Provenance records for the results written, when the runtime keeps them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Provenance provenance;

    @Activate
    public AnalyseStep(BundleContext context, @Reference EmdFiles emd, @Reference Analyses analyses) {
        this.properties = context::getProperty;
        this.emd = emd;
        this.analyses = analyses;
    }

    @Override
    public void execute(StepContext context) throws Exception {
        Instant began = Instant.now();
        if (!(context.inputs().get("file") instanceof String name)) {
            throw new IllegalArgumentException("analyse needs an input 'file'");
        }
        List<String> specs = specs(context.parameters().get("analyses"));
        specs.forEach(analyses::check);
        Path file = Path.of(name);
        DataArray array;
        Object sourceRecord;
        try (EmdFile opened = emd.open(file)) {
            Map<String, Object> carried = opened.groups().get(Provenance.GROUP);
            sourceRecord = carried == null ? null : carried.get(Provenance.ATTRIBUTE);
            EmdArray chosen = opened.arrays().stream().filter(a -> a.shape().length == 3).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(file.getFileName() + " holds no 3-D array (its arrays: "
                            + opened.arrays().stream().map(a -> a.name() + java.util.Arrays.toString(a.shape())).toList()
                            + "); a spectrum image (y, x, energy) or an image series (t, y, x) is needed"));
            array = opened.read(chosen.path());
        }
        String output = context.parameters().get("output") instanceof String o ? o : "results";
        Path folder = Files.createDirectories(RuntimeHome.resolve(properties, output).resolve(context.runId()));
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        List<String> written = new ArrayList<>();
        for (String spec : specs) {
            DataArray result = analyses.apply(spec, array);
            String label = spec.replaceAll("[^A-Za-z0-9.-]+", "_");
            Path target = folder.resolve(stem + "-" + label + ".emd");
            Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
            groups.put("analysis", Map.of("source", file.toString(), "analysis", spec, "run", context.runId()));
            Provenance records = provenance;
            if (records != null) {
                String source = file.toAbsolutePath().toString(); // as the run's lineage names it
                DatasetActivity analysis = new DatasetActivity(target.toAbsolutePath().toString(), "analysis", began,
                        Instant.now(), List.of(), "", "", List.of(source), Map.of("analysis", spec, "flow",
                        context.flow(), "run", context.runId()));
                groups.put(Provenance.GROUP, Map.of(Provenance.ATTRIBUTE, records.record(analysis, context.lineage(),
                        sourceRecord == null ? Map.of() : Map.of(source, String.valueOf(sourceRecord)))));
            }
            emd.write(target, new EmdContent(List.of(result), groups), EmdDialect.EMD_0_2);
            Path picture = folder.resolve(stem + "-" + label + ".png");
            Files.write(picture, analyses.png(result));
            written.add(target.toString());
            written.add(picture.toString());
            if (spec.startsWith("particles")) {
                context.output("particle_counts", java.util.Arrays.stream(result.toDoubles()).mapToObj(v -> (long) v)
                        .toList());
                context.output("tracks", result.metadata().get("tracks"));
            }
        }
        context.output("results", written);
    }

    private static List<String> specs(Object configured) {
        if (configured == null) {
            return List.of("sum", "pattern");
        }
        if (configured instanceof String one) {
            return List.of(one);
        }
        if (configured instanceof List<?> list && !list.isEmpty()) {
            return list.stream().map(String::valueOf).toList();
        }
        throw new IllegalArgumentException("'analyses' must be a spec or a list of specs, not " + configured);
    }
}
