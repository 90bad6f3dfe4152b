package org.condenser.api.flow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.condenser.api.provenance.DatasetActivity;
import org.osgi.annotation.versioning.ProviderType;

/** What a step is given: the run, its inputs, and a place to put its outputs. */
@ProviderType
public interface StepContext {

    /**
     * The value under which the engine keeps the run's lineage (see {@link #lineage()}); steps
     * neither read nor write it by this name.
     */
    String LINEAGE = "lineage";

    String runId();

    /** The flow the run belongs to. */
    String flow();

    /** The step's parameters from the flow definition. */
    Map<String, Object> parameters();

    /** Values earlier steps produced, by name (for example {@code file} for the triggering file). */
    Map<String, Object> inputs();

    /**
     * How the run's current {@code file} came to be, oldest first: the acquisition of the file that
     * started the run (when the flow names its instruments), then every earlier step that made a new
     * {@code file} from the one before (a move, a conversion), with its times and the step's other
     * plain outputs (a checksum, a size) as attributes. Steps that write datasets hand it to
     * {@link org.condenser.api.provenance.Provenance} so their records reach back to the detector.
     */
    List<DatasetActivity> lineage();

    /** Records an output for later steps. */
    void output(String name, Object value);

    /** A working folder private to this run and step. */
    Path workDirectory();
}
