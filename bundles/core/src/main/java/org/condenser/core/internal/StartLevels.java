package org.condenser.core.internal;

import org.osgi.framework.BundleContext;

/**
 * The two start levels a Condenser runtime uses: the level at which everything runs, and the
 * higher level at which the interactive console starts. They are set by cnf/runtime.bnd; the bnd
 * launcher rewrites the framework's own beginning level, so we carry our own.
 */
record StartLevels(int run, int console) {

    static StartLevels of(BundleContext context) {
        return new StartLevels(parse(context, "condenser.startlevel.run", 1),
                parse(context, "condenser.startlevel.console", 1));
    }

    private static int parse(BundleContext context, String key, int fallback) {
        String value = context.getProperty(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("framework property " + key + " = '" + value + "' is not a start level");
        }
    }
}
