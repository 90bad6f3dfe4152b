package org.condenser.driver.nion.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ValueType;

/**
 * Condenser's standard vocabulary onto Swift's control names (C10 is defocus, EHT the high tension…),
 * plus the configured controls as native {@code nion:NAME} properties, each an alias of the standard
 * property it is, so the safety envelope holds both to the same rules.
 */
final class ControlMap {

    static final String VENDOR = "nion";

    /** Standard name → Swift control, for the standard properties that are plain controls. */
    static final Map<String, String> STANDARD = Map.of(PropertyNames.HIGH_TENSION, "EHT", PropertyNames.DEFOCUS, "C10",
            PropertyNames.BEAM_CURRENT, "BeamCurrent", PropertyNames.CONVERGENCE_ANGLE, "ConvergenceAngle",
            PropertyNames.BLANKER, "C_Blank");

    private final List<PropertyDescriptor> building = new ArrayList<>();
    private final Map<String, String> controlOf = new LinkedHashMap<>();
    private final List<PropertyDescriptor> descriptors;

    ControlMap(List<String> nativeControls, boolean scan) {
        standard(new PropertyDescriptor(PropertyNames.HIGH_TENSION, "V", ValueType.DOUBLE, 0, 300e3, true,
                "high tension"));
        standard(new PropertyDescriptor(PropertyNames.DEFOCUS, "m", ValueType.DOUBLE, -1e-5, 1e-5, true, "defocus"));
        standard(PropertyDescriptor.readOnly(PropertyNames.BEAM_CURRENT, "A", ValueType.DOUBLE, "probe current"));
        standard(new PropertyDescriptor(PropertyNames.CONVERGENCE_ANGLE, "rad", ValueType.DOUBLE, 0, 0.1, true,
                "convergence semi-angle"));
        standard(new PropertyDescriptor(PropertyNames.BLANKER, "", ValueType.BOOLEAN, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, true, "beam blanker"));
        if (scan) {
            building.add(new PropertyDescriptor(PropertyNames.FIELD_OF_VIEW, "m", ValueType.DOUBLE, 0.1e-9, 100e-6,
                    true, "scan field of view (fov_nm)"));
            building.add(new PropertyDescriptor(PropertyNames.PROBE_POSITION, "", ValueType.VECTOR, 0, 1, true,
                    "parked probe (y, x) as fractions of the last scan; empty when scanning or at the default"));
        }
        for (String control : nativeControls) {
            String standard = null;
            for (Map.Entry<String, String> entry : STANDARD.entrySet()) {
                if (entry.getValue().equals(control)) {
                    standard = entry.getKey();
                }
            }
            boolean writable = !"BeamCurrent".equals(control);
            PropertyDescriptor descriptor = new PropertyDescriptor(PropertyNames.nativeName(VENDOR, control),
                    unitOf(control), ValueType.DOUBLE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, writable,
                    "Swift control " + control);
            add(standard == null ? descriptor : descriptor.alias(standard), control);
        }
        this.descriptors = List.copyOf(building);
    }

    /** A standard property backed by its Swift control in {@link #STANDARD}; the description names the control. */
    private void standard(PropertyDescriptor descriptor) {
        String control = STANDARD.get(descriptor.name());
        add(new PropertyDescriptor(descriptor.name(), descriptor.unit(), descriptor.type(), descriptor.minimum(),
                descriptor.maximum(), descriptor.writable(), descriptor.description() + " (" + control + ")"), control);
    }

    private void add(PropertyDescriptor descriptor, String control) {
        building.add(descriptor);
        controlOf.put(descriptor.name(), control);
    }

    /** Swift's units: lengths in m, EHT in V, currents in A, angles in rad. */
    private static String unitOf(String control) {
        return switch (control) {
            case "EHT" -> "V";
            case "BeamCurrent" -> "A";
            case "ConvergenceAngle" -> "rad";
            case "C_Blank" -> "";
            case "ZLPoffset" -> "eV";
            default -> "m";
        };
    }

    /** The same immutable list every time, so the runtime can cache what it derives from it. */
    List<PropertyDescriptor> descriptors() {
        return descriptors;
    }

    /** The Swift control behind a property, or null when the property is not a plain control. */
    String control(String property) {
        return controlOf.get(property);
    }
}
