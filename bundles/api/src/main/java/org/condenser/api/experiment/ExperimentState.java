package org.condenser.api.experiment;

/** Where an automated experiment stands. */
public enum ExperimentState {
    /** Surveying the field and preparing the candidates. */
    STARTING,
    /** Measuring. */
    RUNNING,
    /** Ended by a stopping rule: the budget, the uncertainty, or the policy having nothing more to measure. */
    FINISHED,
    /** Stopped by a person. */
    STOPPED,
    /** Ended by a fault (the instrument kept failing, the policy kept proposing refused points…); see the reason. */
    FAILED;

    public boolean ended() {
        return this == FINISHED || this == STOPPED || this == FAILED;
    }
}
