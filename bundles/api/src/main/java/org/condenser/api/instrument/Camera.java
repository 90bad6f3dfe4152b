package org.condenser.api.instrument;

import org.condenser.api.data.DataArray;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A pixelated camera: a ronchigram/diffraction camera, a TEM imaging camera.
 * Guarded by the runtime like every capability (see {@link ScanController}).
 */
@ConsumerType
public interface Camera {

    /** The camera's name on the instrument, such as {@code ronchigram} or {@code BM-Ceta}. */
    String name();

    /** Unbinned sensor size (height, width) in pixels. */
    int[] sensorShape();

    /** One exposure. */
    DataArray acquire(CameraParameters parameters) throws InstrumentException;

    /**
     * A 4D-STEM scan: one camera frame at every scan position, synchronised with the scan (Swift's
     * {@code grab_synchronized}). The result is (scan y, scan x, detector y, detector x).
     *
     * @throws InstrumentException with {@link RecordStatus#UNSUPPORTED} when this camera cannot be
     *         synchronised with a scan
     */
    DataArray acquireScan(ScanParameters scan, CameraParameters parameters) throws InstrumentException;
}
