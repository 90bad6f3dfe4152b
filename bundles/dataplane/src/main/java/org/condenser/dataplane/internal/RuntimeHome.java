package org.condenser.dataplane.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** The runtime's home folder ({@code condenser.home}), against which configured relative paths resolve. */
public final class RuntimeHome {

    private RuntimeHome() {
    }

    public static Path of(BundleContext context) {
        String home = context.getProperty("condenser.home");
        return Path.of(home == null || home.isBlank() ? "." : home);
    }
}
