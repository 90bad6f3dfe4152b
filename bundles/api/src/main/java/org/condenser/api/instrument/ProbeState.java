package org.condenser.api.instrument;

/** What the probe is doing (Swift's {@code probe_state}). */
public enum ProbeState {
    SCANNING,
    /** Parked at a fixed position (or the default position when none was given). */
    PARKED,
    BLANKED
}
