package org.condenser.driver.nion.internal;

import java.util.List;
import java.util.Map;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.CameraParameters;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanParameters;

/** A Swift camera (the ronchigram) through the companion. */
final class SwiftCamera implements Camera {

    private final NionDriver driver;
    private final String name;

    SwiftCamera(NionDriver driver, String name) {
        this.driver = driver;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] sensorShape() {
        // Swift reports the shape with each frame; before the first, nothing is known.
        return new int[0];
    }

    @Override
    public DataArray acquire(CameraParameters parameters) throws InstrumentException {
        Object answer = SwiftCalls.call(driver, "acquire", name, parameters.exposure() * 1000, parameters.binning(), false);
        try {
            return SwiftArrays.decode(answer, name, List.of("ky", "kx"),
                    Map.of("instrument", driver.id(), "exposure_s", parameters.exposure(), "binning", parameters.binning()));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InstrumentException(RecordStatus.FAILED, driver.id() + ": a frame from Swift was malformed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public DataArray acquireScan(ScanParameters scan, CameraParameters parameters) throws InstrumentException {
        throw new InstrumentException(RecordStatus.UNSUPPORTED, driver.id()
                + ": 4D-STEM through Swift's grab_synchronized is not offered by the companion yet");
    }
}
