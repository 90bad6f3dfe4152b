package org.condenser.api.instrument;

/** The STEM detectors a scan records from (Swift's channels 0 and 1). */
public enum ScanChannel {
    /** High-angle annular dark field: intensity rises steeply with atomic number (Z-contrast). */
    HAADF,
    /** Medium-angle annular dark field: weaker Z dependence, more sensitive to strain and light atoms. */
    MAADF
}
