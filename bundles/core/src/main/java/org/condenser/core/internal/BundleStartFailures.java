package org.condenser.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

/**
 * Remembers why bundles failed to start. The framework reports a failed start at a start-level
 * change as a FrameworkEvent.ERROR carrying the exception; nothing else keeps that reason, so
 * {@code cnd:status} would otherwise only be able to say that a bundle is not active.
 * A bundle that later starts, or is updated or uninstalled, is forgotten.
 */
final class BundleStartFailures implements FrameworkListener, BundleListener {

    private final Map<Long, String> reasons = new ConcurrentHashMap<>();

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.ERROR && event.getBundle() != null
                && event.getBundle().getBundleId() != 0) {
            reasons.put(event.getBundle().getBundleId(), describe(event.getThrowable()));
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STARTED, BundleEvent.UPDATED, BundleEvent.UNINSTALLED ->
                reasons.remove(event.getBundle().getBundleId());
            default -> {
            }
        }
    }

    String reasonFor(long bundleId) {
        return reasons.get(bundleId);
    }

    /** The innermost cause is what a person needs: the activator's own exception, not the wrapper. */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        if (root != failure && failure.getMessage() != null) {
            text = failure.getMessage() + " (" + text + ")";
        }
        return text;
    }
}
