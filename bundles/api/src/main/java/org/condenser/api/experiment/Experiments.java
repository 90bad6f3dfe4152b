package org.condenser.api.experiment;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Runs automated experiments; provided by the runtime's experiment bundle. */
@ProviderType
public interface Experiments {

    /**
     * Starts an experiment on its own thread and answers at once.
     *
     * @throws IllegalArgumentException naming what is wrong: an unknown instrument or policy, a
     *         scalarizer that is not an analysis spec, an instrument without a scan or spectrometer
     * @throws IllegalStateException when the instrument already runs an experiment
     */
    ExperimentProgress start(ExperimentPlan plan);

    /** Every experiment since the runtime started, oldest first. */
    List<ExperimentProgress> list();

    /** The experiment's progress now, if there is one by this id. */
    Optional<ExperimentProgress> progress(String id);

    /**
     * Asks an experiment to stop after the measurement in hand; its results are written as usual.
     *
     * @return its progress, empty when no experiment has this id
     */
    Optional<ExperimentProgress> stop(String id);
}
