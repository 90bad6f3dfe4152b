package org.condenser.core.internal.control;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One instrument's safety envelope as written in its configuration: properties that may not be
 * written at all, tighter limits than the instrument's own, the largest change one command may make,
 * and the fastest a value may change over time. Rules are keyed by standard name; native aliases
 * ({@code nion:EHT} for {@code high_tension}) are held to their standard name's rules.
 *
 * <p>Immutable. The text forms, one entry per comma:
 * <pre>
 * forbidden = high_tension, nion:C30
 * limits    = defocus -2e-6..2e-6, probe_position 0.05..0.95
 * maxStep   = defocus 5e-8
 * maxRate   = stage_x 1e-5
 * </pre>
 */
record EnvelopeRules(Set<String> forbidden, Map<String, double[]> limits, Map<String, Double> maxStep,
        Map<String, Double> maxRate, String configurationError) {

    /** Forbidden unless a configuration says otherwise: high tension may not be changed remotely. */
    static final String DEFAULT_FORBIDDEN = "high_tension";

    /** What applies to an instrument nobody configured. */
    static final EnvelopeRules DEFAULT = new EnvelopeRules(Set.of(DEFAULT_FORBIDDEN), Map.of(), Map.of(), Map.of(), "");

    EnvelopeRules {
        forbidden = Set.copyOf(forbidden);
        limits = Map.copyOf(limits);
        maxStep = Map.copyOf(maxStep);
        maxRate = Map.copyOf(maxRate);
        configurationError = configurationError == null ? "" : configurationError;
    }

    /**
     * An envelope that refuses every write, because its configuration could not be read: a broken
     * envelope must never mean no envelope.
     */
    static EnvelopeRules broken(String error) {
        return new EnvelopeRules(Set.of(), Map.of(), Map.of(), Map.of(), error);
    }

    boolean isBroken() {
        return !configurationError.isEmpty();
    }

    /**
     * Parses the configuration's text forms.
     *
     * @throws IllegalArgumentException naming the key and the entry that could not be read
     */
    static EnvelopeRules parse(String forbidden, String limits, String maxStep, String maxRate) {
        Set<String> forbiddenNames = new LinkedHashSet<>();
        for (String entry : entries(forbidden)) {
            if (entry.contains(" ")) {
                throw new IllegalArgumentException("forbidden: '" + entry + "' is not one property name");
            }
            forbiddenNames.add(entry);
        }
        Map<String, double[]> limitRanges = new LinkedHashMap<>();
        for (String entry : entries(limits)) {
            String[] parts = nameAndValue("limits", entry, "NAME MIN..MAX");
            String[] ends = parts[1].split("\\.\\.", -1);
            if (ends.length != 2) {
                throw new IllegalArgumentException("limits: '" + entry + "' is not NAME MIN..MAX");
            }
            double low = number("limits", entry, ends[0]);
            double high = number("limits", entry, ends[1]);
            if (low > high) {
                throw new IllegalArgumentException("limits: '" + entry + "' has its minimum above its maximum");
            }
            limitRanges.put(parts[0], new double[] { low, high });
        }
        return new EnvelopeRules(forbiddenNames, limitRanges, positives("maxStep", maxStep),
                positives("maxRate", maxRate), "");
    }

    private static Map<String, Double> positives(String key, String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String entry : entries(text)) {
            String[] parts = nameAndValue(key, entry, "NAME VALUE");
            double value = number(key, entry, parts[1]);
            if (!(value > 0)) {
                throw new IllegalArgumentException(key + ": '" + entry + "' must be positive");
            }
            values.put(parts[0], value);
        }
        return values;
    }

    private static String[] entries(String text) {
        if (text == null || text.isBlank()) {
            return new String[0];
        }
        String[] entries = text.trim().split("\\s*,\\s*");
        for (int i = 0; i < entries.length; i++) {
            entries[i] = entries[i].trim().replaceAll("\\s+", " ");
        }
        return entries;
    }

    private static String[] nameAndValue(String key, String entry, String form) {
        String[] parts = entry.split(" ");
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException(key + ": '" + entry + "' is not " + form);
        }
        return parts;
    }

    private static double number(String key, String entry, String text) {
        try {
            double value = Double.parseDouble(text.trim());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + entry + "' has '" + text.trim() + "', not a finite number");
        }
    }
}
