package org.condenser.api.flow;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of step, registered as a whiteboard service; flows name it by {@link #TYPE}.
 *
 * <h2>Contract</h2>
 * {@link #execute} runs on the flow engine's threads and may block. It throws
 * {@link TransientStepException} for faults worth retrying (a peer briefly gone) and any other
 * exception for bad input, which puts the run in quarantine rather than retrying it.
 */
@ConsumerType
public interface FlowStep {

    /** Service property: the step type flows refer to, such as {@code move} or {@code analyse}. */
    String TYPE = "condenser.flow.step";

    void execute(StepContext context) throws Exception;
}
