package org.condenser.emd.internal;

/**
 * Units as HyperSpy's EMD 0.2 reader takes them: bracketed, one character per underscore-separated
 * token ({@code nm} is {@code [n_m]}, {@code 1/nm} is {@code [1_/_n_m]}). Other readers see the
 * same attribute; {@link #plain} turns it back.
 */
final class HyperSpyUnits {

    private HyperSpyUnits() {
    }

    static String bracketed(String unit) {
        if (unit == null || unit.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("[");
        unit.codePoints().forEach(c -> out.append(out.length() > 1 ? "_" : "").appendCodePoint(c));
        return out.append(']').toString();
    }

    static String plain(String unit) {
        if (unit == null) {
            return "";
        }
        String trimmed = unit.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            return trimmed.substring(1, trimmed.length() - 1).replace("_", "");
        }
        return trimmed;
    }
}
