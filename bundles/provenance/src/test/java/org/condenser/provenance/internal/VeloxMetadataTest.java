package org.condenser.provenance.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class VeloxMetadataTest {

    @Test
    void velocStringsBecomePropertiesInSiUnitsWithTheAcquisitionTime() {
        CheckMetadataStep.FileMetadata read = VeloxMetadata.read("{\"Optics\": {\"AccelerationVoltage\": \"300000\", "
                + "\"Defocus\": \"-1.5e-08\", \"FullScanFieldOfView\": {\"x\": \"8e-09\", \"y\": \"8e-09\"}}, "
                + "\"Stage\": {\"AlphaTilt\": \"0.01\"}, \"Acquisition\": {\"AcquisitionStartDatetime\": "
                + "{\"DateTime\": \"1795270000\"}}}");
        assertEquals(300000.0, read.values().get("high_tension"));
        assertEquals(-1.5e-8, read.values().get("defocus"));
        assertEquals(8e-9, read.values().get("field_of_view"));
        assertEquals(0.01, read.values().get("stage_alpha"));
        assertEquals(Instant.ofEpochSecond(1795270000), read.time());
    }

    @Test
    void whatIsMissingOrNotANumberIsLeftOutAndBrokenJsonIsNamed() {
        CheckMetadataStep.FileMetadata read = VeloxMetadata.read("{\"Optics\": {\"AccelerationVoltage\": \"n/a\"}}");
        assertFalse(read.values().containsKey("high_tension"));
        assertNull(read.time());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VeloxMetadata.read("{\"Optics\""));
        assertTrue(e.getMessage().startsWith("the file's Velox metadata is not JSON"), e.getMessage());
    }

    @Test
    void numbersAgreeWithinTheRelativeTolerance() {
        assertTrue(CheckMetadataStep.agrees(60000.0, 60030.0, 0.01));
        assertFalse(CheckMetadataStep.agrees(300000.0, 60000.0, 0.01));
        assertTrue(CheckMetadataStep.agrees(0.0, 0.0, 0.0));
        assertTrue(CheckMetadataStep.agrees(false, false, 0.01));
        assertFalse(CheckMetadataStep.agrees("on", "off", 0.01));
    }
}
