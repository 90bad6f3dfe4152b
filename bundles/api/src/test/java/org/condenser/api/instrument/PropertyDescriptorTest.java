package org.condenser.api.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PropertyDescriptorTest {

    @Test
    void rangeIsInclusiveAndOutsideValuesAreNot() {
        PropertyDescriptor stageX = new PropertyDescriptor(PropertyNames.STAGE_X, "m", ValueType.DOUBLE, -1e-3, 1e-3,
                true, "stage x");
        assertTrue(stageX.inRange(1e-3));
        assertTrue(stageX.inRange(-1e-3));
        assertFalse(stageX.inRange(3.2e-3));
        assertFalse(stageX.inRange(Double.NaN));
    }

    @Test
    void anInvertedRangeIsRefusedNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PropertyDescriptor("defocus", "m", ValueType.DOUBLE, 1, -1, true, ""));
        assertEquals("property defocus: minimum 1.0 is above maximum -1.0", e.getMessage());
    }

    @Test
    void readOnlyPropertiesHaveNoRange() {
        PropertyDescriptor vacuum = PropertyDescriptor.readOnly(PropertyNames.COLUMN_VACUUM, "Pa", ValueType.DOUBLE,
                null);
        assertFalse(vacuum.writable());
        assertTrue(vacuum.inRange(1e-6));
        assertEquals("", vacuum.description());
    }

    @Test
    void nativeNamesAreNamespacedByVendor() {
        assertEquals("nion:C10", PropertyNames.nativeName("nion", "C10"));
        assertTrue(PropertyNames.isNative("nion:C10"));
        assertFalse(PropertyNames.isNative(PropertyNames.DEFOCUS));
        assertThrows(IllegalArgumentException.class, () -> PropertyNames.nativeName("ni:on", "C10"));
        assertThrows(IllegalArgumentException.class, () -> PropertyNames.nativeName("nion", " "));
    }

    @Test
    void statusReadsAsStateDetailAndMessage() {
        assertEquals("OFFLINE / AUTHENTICATION_ERROR: message hmac mismatch",
                InstrumentStatus.offline(StatusDetail.AUTHENTICATION_ERROR, "message hmac mismatch").toString());
        assertEquals("ONLINE", InstrumentStatus.online().toString());
    }
}
