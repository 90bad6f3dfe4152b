package org.condenser.api.runtime;

/**
 * A bundle that should be active and is not, and why.
 *
 * @param id the bundle id
 * @param symbolicName the bundle's symbolic name
 * @param version the bundle's version
 * @param state its framework state, such as {@code RESOLVED} or {@code INSTALLED}
 * @param reason why it did not start, as far as the runtime saw
 */
public record BundleProblem(long id, String symbolicName, String version, String state, String reason) {
}
