package org.condenser.api.runtime;

/**
 * A declarative-services component that is not doing its job, and why.
 *
 * @param bundle the symbolic name of the bundle that declares it
 * @param component the component's name
 * @param state what is wrong: {@code unsatisfied reference}, {@code unsatisfied configuration},
 *        {@code failed activation} or {@code disabled}
 * @param reason the detail: the missing references, or the failure's message
 */
public record ComponentProblem(String bundle, String component, String state, String reason) {
}
