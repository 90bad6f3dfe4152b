package org.condenser.api.flow;

/** Where a flow run or one of its steps stands. */
public enum RunState {
    PENDING, RUNNING, SUCCEEDED, FAILED, QUARANTINED, CANCELLED
}
