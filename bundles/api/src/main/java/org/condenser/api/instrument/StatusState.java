package org.condenser.api.instrument;

/** Where an instrument stands, as far as the runtime can tell. */
public enum StatusState {
    /** Connected and answering commands. */
    ONLINE,
    /** Not reachable or not usable; the detail says why. */
    OFFLINE,
    /** Connecting or preparing; commands are refused until it is ONLINE. */
    INITIALIZING,
    /** Reachable but broken in a way that needs a person. */
    ERROR,
    /** Nothing known yet, for example before the driver has reported anything. */
    UNKNOWN
}
