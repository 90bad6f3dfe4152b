package org.condenser.api.runtime;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The runtime's home folder: where relative paths in configuration (watched folders, destinations,
 * results, journals) resolve. Set with {@code -Dcondenser.home=DIR}; the working folder otherwise.
 */
public final class RuntimeHome {

    /** The framework property naming the home. */
    public static final String PROPERTY = "condenser.home";

    private RuntimeHome() {
    }

    /**
     * The home, from a property lookup (a bundle passes {@code context::getProperty}).
     */
    public static Path of(UnaryOperator<String> properties) {
        String home = properties.apply(PROPERTY);
        return Path.of(home == null || home.isBlank() ? "." : home);
    }

    /** {@code path} as configured: absolute as it is, relative under the home. */
    public static Path resolve(UnaryOperator<String> properties, String path) {
        return of(properties).resolve(path); // resolving an absolute path gives it back as it is
    }
}
