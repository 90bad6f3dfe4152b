package org.condenser.api.flow;

/** A step failed for a reason that may pass: the engine retries it with back-off. */
public class TransientStepException extends Exception {

    private static final long serialVersionUID = 1L;

    public TransientStepException(String message, Throwable cause) {
        super(message, cause);
    }
}
