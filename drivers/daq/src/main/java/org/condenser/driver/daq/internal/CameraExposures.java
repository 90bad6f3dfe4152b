package org.condenser.driver.daq.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Supplier;

import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.CameraParameters;
import org.condenser.api.instrument.ScanParameters;

/**
 * Frames from an instrument's camera, through the public (guarded) instrument service: a
 * synchronised 4D-STEM scan whose frames are sent one by one, in scan order.
 */
public final class CameraExposures implements Exposures {

    private final Supplier<Camera> cameras;
    private final int scanWidth;
    private final double fieldOfView;
    private final int binning;

    /** {@code cameras} finds the camera when it is needed (an instrument lists it once initialised). */
    public CameraExposures(Supplier<Camera> cameras, int scanWidth, double fieldOfView, int binning) {
        this.cameras = cameras;
        this.scanWidth = scanWidth;
        this.fieldOfView = fieldOfView;
        this.binning = binning;
    }

    @Override
    public Sensor sensor() {
        int[] shape = cameras.get().sensorShape();
        return new Sensor(shape[0] / binning, shape[1] / binning, DType.UINT16);
    }

    @Override
    public void expose(long images, double countTime, Out out) throws Exception {
        Camera camera = cameras.get();
        int width = (int) Math.min(scanWidth, images);
        int height = Math.toIntExact((images + width - 1) / width);
        DataArray scan = camera.acquireScan(new ScanParameters(height, width, fieldOfView, countTime, 0),
                new CameraParameters(countTime, binning));
        if (scan.dtype() != DType.UINT16) {
            throw new IllegalStateException("camera " + camera.name() + " gave " + scan.dtype() + " frames, not UINT16");
        }
        int frameBytes = sensor().frameBytes();
        ByteBuffer all = scan.data().order(ByteOrder.LITTLE_ENDIAN);
        for (long index = 0; index < images; index++) {
            ByteBuffer frame = all.slice(Math.toIntExact(index * frameBytes), frameBytes).order(ByteOrder.LITTLE_ENDIAN);
            if (!out.frame(index, frame)) {
                return;
            }
        }
    }
}
