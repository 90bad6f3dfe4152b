package org.condenser.api.runtime;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The runtime's view of itself, provided by the core bundle.
 *
 * <h2>Contract</h2>
 * {@link #snapshot()} and {@link #health()} are cheap and never block; call them as often as needed.
 * {@link #awaitStarted(Duration)} blocks until the framework has reached its start level, so a
 * one-shot script does not read a half-started runtime.
 */
@ProviderType
public interface RuntimeStatus {

    NodeStatus snapshot();

    HealthReport health();

    /**
     * Waits until the framework has started and its instruments have finished initialising (an
     * instrument still initialising after a few seconds is left to report itself); returns false if
     * the framework had not started when the timeout passed.
     */
    boolean awaitStarted(Duration timeout) throws InterruptedException;
}
