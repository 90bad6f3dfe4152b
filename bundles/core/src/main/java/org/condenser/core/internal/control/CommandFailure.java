package org.condenser.core.internal.control;

/**
 * A shell command that could not do what it was asked, for a reason an operator can act on: the
 * shell prints the message alone, not a Java class name, and a one-shot command exits non-zero.
 */
final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
