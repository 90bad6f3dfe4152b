package org.condenser.api.telemetry;

/** How much an alert matters. */
public enum Severity {
    INFO, WARNING, ERROR, CRITICAL
}
