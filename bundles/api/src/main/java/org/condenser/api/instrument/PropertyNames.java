package org.condenser.api.instrument;

/**
 * The standard vocabulary of property names, one across vendors. Drivers map their native names
 * onto these and may expose native names too, namespaced with {@link #nativeName(String, String)}.
 * Units are those given here.
 */
public final class PropertyNames {

    /** Accelerating voltage, V. */
    public static final String HIGH_TENSION = "high_tension";
    /** Defocus (C10 on aberration-corrected instruments), m. */
    public static final String DEFOCUS = "defocus";
    /** Stage position along x, m. */
    public static final String STAGE_X = "stage_x";
    /** Stage position along y, m. */
    public static final String STAGE_Y = "stage_y";
    /** Stage height, m. */
    public static final String STAGE_Z = "stage_z";
    /** Stage tilt about x, rad. */
    public static final String STAGE_ALPHA = "stage_alpha";
    /** Stage tilt about y, rad. */
    public static final String STAGE_BETA = "stage_beta";
    /** Probe current, A. */
    public static final String BEAM_CURRENT = "beam_current";
    /** Convergence semi-angle, rad. */
    public static final String CONVERGENCE_ANGLE = "convergence_angle";
    /** Scan field of view, m. */
    public static final String FIELD_OF_VIEW = "field_of_view";
    /** Probe position (y, x) as fractions of the scan field, each 0..1. */
    public static final String PROBE_POSITION = "probe_position";
    /** Beam blanker, true when blanked. */
    public static final String BLANKER = "blanker";
    /** Column vacuum, Pa. */
    public static final String COLUMN_VACUUM = "column_vacuum";

    private PropertyNames() {
    }

    /**
     * A vendor's native property name in its namespace, such as {@code nion:C10}.
     *
     * @throws IllegalArgumentException if either part is blank or the vendor contains a colon
     */
    public static String nativeName(String vendor, String name) {
        if (vendor == null || vendor.isBlank() || vendor.contains(":")) {
            throw new IllegalArgumentException("vendor namespace '" + vendor + "' must be non-blank without ':'");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("native name must not be blank");
        }
        return vendor + ":" + name;
    }

    /** Whether a name is a namespaced native name rather than one of the standard vocabulary. */
    public static boolean isNative(String name) {
        return name.indexOf(':') > 0;
    }
}
