package org.condenser.driver.thermofisher.internal;

import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.CameraParameters;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanParameters;

/** A TEM camera: its parameters through {@code camera_param/NAME}, its image through {@code acquire}. */
final class TemCamera implements Camera {

    private final TemDriver driver;
    private final String name;

    TemCamera(TemDriver driver, String name) {
        this.driver = driver;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] sensorShape() {
        return new int[0];
    }

    @Override
    public DataArray acquire(CameraParameters parameters) throws InstrumentException {
        TemCalls.call(driver, "set " + name + " parameters", () -> driver.put("camera_param/" + name,
                Map.of("exposure(s)", parameters.exposure(), "binning", parameters.binning())));
        Map<?, ?> images = (Map<?, ?>) TemCalls.call(driver, "acquire " + name,
                () -> driver.get("acquire?detectors=" + name));
        try {
            return TemImages.decode(name, images.get(name), List.of(new Axis("y", "px", 0, 1, 1),
                    new Axis("x", "px", 0, 1, 1)), Map.of("instrument", driver.id(), "camera", name,
                            "exposure_s", parameters.exposure(), "binning", parameters.binning()));
        } catch (IllegalArgumentException e) {
            throw new InstrumentException(RecordStatus.FAILED, driver.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public DataArray acquireScan(ScanParameters scan, CameraParameters parameters) throws InstrumentException {
        throw new InstrumentException(RecordStatus.UNSUPPORTED,
                driver.id() + ": the temscript protocol has no synchronised 4D-STEM acquisition");
    }
}
