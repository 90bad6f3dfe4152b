package org.condenser.telemetry.pva.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.ValueType;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAShortArray;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.PVAStructureArray;
import org.epics.pva.data.PVAUnion;
import org.epics.pva.data.nt.PVAAlarm.AlarmSeverity;
import org.junit.jupiter.api.Test;

class NormativeTypesTest {

    private static int severity(PVAStructure structure) {
        return ((PVAInt) ((PVAStructure) structure.get("alarm")).get("severity")).get();
    }

    @Test
    void aValueOutsideTheDescriptorsRangeIsAMajorAlarmAndAnUnreadableOneInvalid() throws Exception {
        PVAStructure pv = NormativeTypes.property(new PropertyDescriptor("defocus", "m", ValueType.DOUBLE, -2e-6, 2e-6,
                true, "focus", ""));
        NormativeTypes.setScalar(pv, 1e-6, Instant.now(), null);
        assertEquals(AlarmSeverity.NO_ALARM.ordinal(), severity(pv));
        NormativeTypes.setScalar(pv, 3e-6, Instant.now(), null);
        assertEquals(AlarmSeverity.MAJOR.ordinal(), severity(pv));
        NormativeTypes.setScalar(pv, null, Instant.now(), "TIMEOUT: no answer");
        assertEquals(AlarmSeverity.INVALID.ordinal(), severity(pv));
        assertEquals("TIMEOUT: no answer",
                ((PVAString) ((PVAStructure) pv.get("alarm")).get("message")).get());
    }

    @Test
    void anImageKeepsItsElementTypeAndListsTheFastestDimensionFirst() throws Exception {
        short[] values = { 1, 2, 3, 4, 5, -6 }; // -6 is 65530 as uint16
        byte[] bytes = new byte[values.length * 2];
        java.nio.ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(values);
        DataArray image = DataArray.ofBytes("haadf", DType.UINT16, bytes, ByteOrder.LITTLE_ENDIAN, "counts",
                List.of(new Axis("y", "px", 0, 1, 2), new Axis("x", "px", 0, 1, 3)), Map.of());
        PVAStructure pv = NormativeTypes.ndArray("test");
        NormativeTypes.setImage(pv, image, 7, Instant.now());
        PVAUnion value = pv.get("value");
        assertEquals("ushortValue", value.getOptions().get(value.getSelector()).getName());
        assertArrayEquals(values, ((PVAShortArray) value.get()).get());
        PVAStructure[] dimensions = ((PVAStructureArray) pv.get("dimension")).get();
        assertEquals(3, ((PVAInt) dimensions[0].get("size")).get());
        assertEquals(2, ((PVAInt) dimensions[1].get("size")).get());
        assertEquals(7, ((PVAInt) pv.get("uniqueId")).get());
    }
}
