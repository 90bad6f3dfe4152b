package org.condenser.core.internal.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;

class EnvelopeRulesTest {

    @Test
    void readsEveryKindOfRule() {
        EnvelopeRules rules = EnvelopeRules.parse("high_tension, nion:C30", "defocus -2e-6..2e-6,  probe_position 0.1..0.9",
                "defocus 5e-8", "stage_x 1e-5");
        assertEquals(Set.of("high_tension", "nion:C30"), rules.forbidden());
        assertArrayEquals(new double[] { -2e-6, 2e-6 }, rules.limits().get("defocus"));
        assertArrayEquals(new double[] { 0.1, 0.9 }, rules.limits().get("probe_position"));
        assertEquals(5e-8, rules.maxStep().get("defocus"));
        assertEquals(1e-5, rules.maxRate().get("stage_x"));
    }

    @Test
    void emptyTextMeansNoRules() {
        EnvelopeRules rules = EnvelopeRules.parse("", null, " ", "");
        assertEquals(Set.of(), rules.forbidden());
        assertEquals(0, rules.limits().size() + rules.maxStep().size() + rules.maxRate().size());
    }

    @Test
    void aBrokenEntryIsNamedWithItsKey() {
        assertEquals("limits: 'defocus -2e-6' is not NAME MIN..MAX", assertThrows(IllegalArgumentException.class,
                () -> EnvelopeRules.parse("", "defocus -2e-6", "", "")).getMessage());
        assertEquals("limits: 'defocus 3..1' has its minimum above its maximum",
                assertThrows(IllegalArgumentException.class, () -> EnvelopeRules.parse("", "defocus 3..1", "", ""))
                        .getMessage());
        assertEquals("maxStep: 'defocus fast' has 'fast', not a finite number",
                assertThrows(IllegalArgumentException.class, () -> EnvelopeRules.parse("", "", "defocus fast", ""))
                        .getMessage());
        assertEquals("maxRate: 'stage_x -1' must be positive",
                assertThrows(IllegalArgumentException.class, () -> EnvelopeRules.parse("", "", "", "stage_x -1"))
                        .getMessage());
        assertEquals("forbidden: 'high tension' is not one property name",
                assertThrows(IllegalArgumentException.class, () -> EnvelopeRules.parse("high tension", "", "", ""))
                        .getMessage());
    }
}
