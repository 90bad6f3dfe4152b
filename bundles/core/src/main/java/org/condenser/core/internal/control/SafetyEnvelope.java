package org.condenser.core.internal.control;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies one instrument's {@link EnvelopeRules} to proposed values, and remembers the values it
 * let through so it can hold a property to its maximum rate.
 *
 * <p>The rate rule: a change of Δ since the last accepted value is allowed once |Δ| / rate seconds
 * have passed since that value was set. Before the first write through the envelope, the reference
 * is the value the instrument reported and the time the runtime began guarding it.
 *
 * <p>Thread safe; the guard calls it from the instrument's command lane.
 */
final class SafetyEnvelope {

    private record Setpoint(double[] value, long atNanos) {
    }

    private final String instrument;
    private final long guardedSinceNanos;
    private final Map<String, Setpoint> accepted = new ConcurrentHashMap<>();
    private volatile EnvelopeRules rules;

    SafetyEnvelope(String instrument, EnvelopeRules rules, long nowNanos) {
        this.instrument = instrument;
        this.rules = rules;
        this.guardedSinceNanos = nowNanos;
    }

    EnvelopeRules rules() {
        return rules;
    }

    void setRules(EnvelopeRules rules) {
        this.rules = rules;
    }

    /** Whether checking a value of this property needs the instrument's current value. */
    boolean needsCurrentValue(String ruleName) {
        EnvelopeRules now = rules;
        return now.maxStep().containsKey(ruleName) || now.maxRate().containsKey(ruleName);
    }

    /**
     * Why the envelope refuses a value, or null when it lets it through.
     *
     * @param name the name the caller used (standard or native)
     * @param ruleName the standard name whose rules apply
     * @param value the proposed value, already of the property's type
     * @param current the instrument's current value, or null when not read or not known
     */
    String refusal(String name, String ruleName, Object value, Object current, long nowNanos) {
        EnvelopeRules now = rules;
        String refusal = placeRefusal(now, name, ruleName, value);
        return refusal != null ? refusal : changeRefusal(now, name, ruleName, value, current, nowNanos);
    }

    /**
     * Why the envelope refuses a value regardless of where the instrument is now (broken
     * configuration, forbidden property, limits), or null; for values that are not set one after
     * another, such as the positions of a spectrum image.
     */
    String placeRefusal(String name, String ruleName, Object value) {
        return placeRefusal(rules, name, ruleName, value);
    }

    private String placeRefusal(EnvelopeRules now, String name, String ruleName, Object value) {
        if (now.isBroken()) {
            return refused(name, value, "configuration", now.configurationError());
        }
        if (now.forbidden().contains(ruleName) || now.forbidden().contains(name)) {
            return refused(name, value, "forbidden " + ruleName, ruleName + " may not be written remotely");
        }
        double[] proposed = numbers(value);
        if (proposed == null) {
            return null;
        }
        double[] range = now.limits().get(ruleName);
        if (range != null) {
            for (double element : proposed) {
                if (!(element >= range[0] && element <= range[1])) {
                    return refused(name, value,
                            "limits " + ruleName + " " + ValueText.format(range[0]) + ".." + ValueText.format(range[1]),
                            "outside the allowed range");
                }
            }
        }
        return null;
    }

    private String changeRefusal(EnvelopeRules now, String name, String ruleName, Object value, Object current,
            long nowNanos) {
        double[] proposed = numbers(value);
        if (proposed == null) {
            return null;
        }
        Double maxStep = now.maxStep().get(ruleName);
        Double maxRate = now.maxRate().get(ruleName);
        if (maxStep == null && maxRate == null) {
            return null;
        }
        Setpoint last = accepted.get(ruleName);
        double[] reference = last != null ? last.value : numbers(current);
        if (reference == null || reference.length != proposed.length) {
            return refused(name, value, maxStep != null ? "maxStep " + ruleName + " " + ValueText.format(maxStep)
                    : "maxRate " + ruleName + " " + ValueText.format(maxRate),
                    "the current value is not known, so the change cannot be checked");
        }
        double change = largestChange(reference, proposed);
        if (maxStep != null && change > maxStep) {
            return refused(name, value, "maxStep " + ruleName + " " + ValueText.format(maxStep),
                    "a change of " + ValueText.format(change) + " exceeds the largest step");
        }
        if (maxRate != null) {
            long sinceNanos = last != null ? last.atNanos : guardedSinceNanos;
            double elapsed = (nowNanos - sinceNanos) / 1e9;
            double needed = change / maxRate;
            if (needed > elapsed) {
                return refused(name, value, "maxRate " + ruleName + " " + ValueText.format(maxRate) + "/s",
                        "a change of " + ValueText.format(change) + " needs " + ValueText.format(needed)
                                + " s since the last change, " + ValueText.format(elapsed) + " s have passed");
            }
        }
        return null;
    }

    /** Records a value the instrument accepted, as the reference for later step and rate checks. */
    void accepted(String ruleName, Object value, long nowNanos) {
        double[] numbers = numbers(value);
        if (numbers != null) {
            accepted.put(ruleName, new Setpoint(numbers, nowNanos));
        }
    }

    private String refused(String name, Object value, String rule, String why) {
        return instrument + ": " + name + " = " + ValueText.format(value) + " refused by the safety envelope, rule '"
                + rule + "': " + why;
    }

    private static double largestChange(double[] from, double[] to) {
        double largest = 0;
        for (int i = 0; i < from.length; i++) {
            largest = Math.max(largest, Math.abs(to[i] - from[i]));
        }
        return largest;
    }

    /** A number or a vector of numbers as an array; null for anything else. */
    static double[] numbers(Object value) {
        if (value instanceof Number number) {
            return new double[] { number.doubleValue() };
        }
        if (value instanceof List<?> list) {
            double[] numbers = new double[list.size()];
            for (int i = 0; i < numbers.length; i++) {
                if (!(list.get(i) instanceof Number element)) {
                    return null;
                }
                numbers[i] = element.doubleValue();
            }
            return numbers;
        }
        return null;
    }
}
