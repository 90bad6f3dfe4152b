package org.condenser.api.instrument;

/** Why an instrument is in its {@link StatusState}; {@link #NONE} when nothing needs saying. */
public enum StatusDetail {
    NONE,
    /** The connection to the vendor server or device failed or was lost. */
    COMMUNICATION_ERROR,
    /** The driver's configuration is missing or wrong. */
    CONFIGURATION_ERROR,
    /** The peer refused our credentials (a wrong key, user or password). */
    AUTHENTICATION_ERROR,
    /** The connection owner this subsystem hangs off is itself offline. */
    BRIDGE_OFFLINE,
    /** The driver threw or broke its contract; the runtime caught it. */
    DRIVER_ERROR,
    /** The driver did not answer within the runtime's time limit. */
    TIMEOUT
}
