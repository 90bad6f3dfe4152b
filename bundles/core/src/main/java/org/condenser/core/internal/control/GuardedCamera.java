package org.condenser.core.internal.control;

import java.time.Duration;
import java.util.Objects;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.CameraParameters;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ScanParameters;

/** A driver's camera as everyone else sees it: on the lane, timed, a 4D-STEM field of view through the envelope. */
final class GuardedCamera implements Camera {

    private final GuardedInstrument guard;
    private final Camera camera;
    private final String name;
    private final int[] sensorShape;

    GuardedCamera(GuardedInstrument guard, Camera camera) {
        this.guard = guard;
        this.camera = camera;
        this.name = camera.name();
        this.sensorShape = camera.sensorShape().clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] sensorShape() {
        return sensorShape.clone();
    }

    @Override
    public DataArray acquire(CameraParameters parameters) throws InstrumentException {
        Objects.requireNonNull(parameters, "parameters");
        Duration limit = guard.limits().acquisition().plus(GuardedScanController.seconds(2 * parameters.exposure()));
        return guard.lane().call("acquire " + name, limit, () -> camera.acquire(parameters));
    }

    @Override
    public DataArray acquireScan(ScanParameters scan, CameraParameters parameters) throws InstrumentException {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(parameters, "parameters");
        double frames = (double) scan.height() * scan.width();
        Duration limit = guard.limits().acquisition()
                .plus(GuardedScanController.seconds(2 * frames * Math.max(parameters.exposure(), scan.pixelTime())));
        return guard.lane().call("4D-STEM scan with " + name, limit, () -> {
            guard.admit(PropertyNames.FIELD_OF_VIEW, scan.fieldOfView(), true);
            DataArray result = camera.acquireScan(scan, parameters);
            guard.admitted(PropertyNames.FIELD_OF_VIEW, scan.fieldOfView());
            return result;
        });
    }
}
