package org.condenser.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.flow.StepContext;
import org.condenser.api.provenance.DatasetActivity;

/** A step's context outside a flow engine: given parameters and inputs, keeping what the step outputs. */
public final class RecordingStepContext implements StepContext {

    private final String runId;
    private final String flow;
    private final Map<String, Object> parameters;
    private final Map<String, Object> inputs;
    private final Path work;
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private List<DatasetActivity> lineage = List.of();

    /** A step of a run whose id is named as the engine names runs, {@code FLOW-N}. */
    public RecordingStepContext(String runId, Map<String, Object> parameters, Map<String, Object> inputs, Path work) {
        this(runId, runId.contains("-") ? runId.substring(0, runId.lastIndexOf('-')) : runId, parameters, inputs, work);
    }

    public RecordingStepContext(String runId, String flow, Map<String, Object> parameters, Map<String, Object> inputs,
            Path work) {
        this.runId = runId;
        this.flow = flow;
        this.parameters = Map.copyOf(parameters);
        this.inputs = Map.copyOf(inputs);
        this.work = work;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String flow() {
        return flow;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    @Override
    public Map<String, Object> inputs() {
        return inputs;
    }

    @Override
    public List<DatasetActivity> lineage() {
        return lineage;
    }

    /** Gives the step the lineage an engine would have collected from earlier steps. */
    public RecordingStepContext withLineage(List<DatasetActivity> earlier) {
        this.lineage = List.copyOf(earlier);
        return this;
    }

    @Override
    public void output(String name, Object value) {
        outputs.put(name, value);
    }

    @Override
    public Path workDirectory() {
        return work;
    }

    /** What the step output, by name. */
    public Map<String, Object> outputs() {
        return outputs;
    }
}
