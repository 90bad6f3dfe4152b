package org.condenser.driver.sim.internal;

import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.CameraParameters;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanParameters;

/** The twin's ronchigram camera: a diffraction frame at the probe, or one at every position of a scan. */
final class SimCamera implements Camera {

    private final Twin twin;
    private final DiffractionModel diffraction;

    SimCamera(Twin twin) {
        this.twin = twin;
        this.diffraction = new DiffractionModel(twin);
    }

    @Override
    public String name() {
        return "ronchigram";
    }

    @Override
    public int[] sensorShape() {
        return new int[] { DiffractionModel.SENSOR, DiffractionModel.SENSOR };
    }

    @Override
    public DataArray acquire(CameraParameters parameters) throws InstrumentException {
        int binning = binning(parameters);
        int size = DiffractionModel.SENSOR / binning;
        double clock = twin.spend(parameters.exposure());
        double[] point = twin.probePoint(clock);
        short[] frame = new short[size * size];
        diffraction.frame(point, twin.electronsPerSecond(clock) * parameters.exposure(), binning,
                new ShotNoise(twin.nextNoiseSeed()), frame, 0);
        Map<String, Object> metadata = twin.metadata(clock);
        metadata.put("exposure_s", parameters.exposure());
        metadata.put("binning", binning);
        metadata.put("specimen_x_m", point[0]);
        metadata.put("specimen_y_m", point[1]);
        double centre = DiffractionModel.centre(binning);
        return DataArray.ofUint16("ronchigram", frame, "counts",
                List.of(new Axis("ky", "px", -centre, 1, size), new Axis("kx", "px", -centre, 1, size)), metadata);
    }

    @Override
    public DataArray acquireScan(ScanParameters scan, CameraParameters parameters) throws InstrumentException {
        try {
            twin.setFrame(scan);
            twin.scanning();
            return diffraction.scan(scan, parameters.exposure(), binning(parameters));
        } catch (IllegalArgumentException tooLarge) {
            throw new InstrumentException(RecordStatus.OUT_OF_RANGE, twin.id + ": " + tooLarge.getMessage());
        }
    }

    private int binning(CameraParameters parameters) throws InstrumentException {
        int binning = parameters.binning();
        if (DiffractionModel.SENSOR % binning != 0) {
            throw new InstrumentException(RecordStatus.OUT_OF_RANGE, twin.id + ": binning " + binning
                    + " does not divide the " + DiffractionModel.SENSOR + "-pixel sensor");
        }
        return binning;
    }
}
