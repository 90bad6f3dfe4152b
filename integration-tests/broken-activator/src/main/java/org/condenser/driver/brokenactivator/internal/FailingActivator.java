package org.condenser.driver.brokenactivator.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Fails to start, as a vendor bundle with a missing native library would. */
public final class FailingActivator implements BundleActivator {

    static final String FAULT = "libvendor.so: cannot open shared object file";

    @Override
    public void start(BundleContext context) {
        throw new UnsatisfiedLinkError(FAULT);
    }

    @Override
    public void stop(BundleContext context) {
        // Never started, nothing to stop.
    }
}
