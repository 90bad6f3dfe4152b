package org.condenser.analysis.internal;

import java.util.Locale;

/** Lengths for people: a length in metres written in nm, µm or mm as fits; other units as they are. */
final class Units {

    private Units() {
    }

    static String length(double value, String unit) {
        if (unit.equals("m")) {
            double[] scales = { 1e-12, 1e-9, 1e-6, 1e-3, 1 };
            String[] names = { "pm", "nm", "µm", "mm", "m" };
            for (int i = scales.length - 1; i >= 0; i--) {
                if (value >= scales[i] || i == 0) {
                    return number(value / scales[i]) + " " + names[i];
                }
            }
        }
        return number(value) + " " + unit;
    }

    private static String number(double value) {
        return Math.rint(value) == value ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3g", value);
    }
}
