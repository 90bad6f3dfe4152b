package org.condenser.api.flow;

import java.nio.file.Path;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** What a step is given: the run, its inputs, and a place to put its outputs. */
@ProviderType
public interface StepContext {

    String runId();

    /** The flow the run belongs to. */
    String flow();

    /** The step's parameters from the flow definition. */
    Map<String, Object> parameters();

    /** Values earlier steps produced, by name (for example {@code file} for the triggering file). */
    Map<String, Object> inputs();

    /** Records an output for later steps. */
    void output(String name, Object value);

    /** A working folder private to this run and step. */
    Path workDirectory();
}
