package org.condenser.core.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/**
 * Where a runtime keeps its conf/, deploy/ and logs/ folders, and which feature set it runs.
 * Read from framework or system properties, so {@code java -Dcondenser.home=/srv/condenser -jar …}
 * moves a runtime without rebuilding it.
 */
public record RuntimeHome(Path home, String featureSet) {

    static final String FEATURE_SET_PROPERTY = "condenser.featureset";

    public static RuntimeHome of(BundleContext context) {
        String featureSet = context.getProperty(FEATURE_SET_PROPERTY);
        return new RuntimeHome(org.condenser.api.runtime.RuntimeHome.of(context::getProperty).toAbsolutePath().normalize(),
                featureSet == null || featureSet.isBlank() ? "custom" : featureSet);
    }

    Path conf() {
        return home.resolve("conf");
    }

    Path deploy() {
        return home.resolve("deploy");
    }

    Path logs() {
        return home.resolve("logs");
    }

    /** Where the shell writes what {@code cnd:acquire} acquired. */
    public Path acquisitions() {
        return home.resolve("acquisitions");
    }
}
