package org.condenser.api.instrument;

import java.util.List;
import java.util.Optional;

import org.condenser.api.data.DataArray;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The STEM scan: frame parameters, recording HAADF/MAADF images, and the probe when not scanning.
 *
 * <p>Drivers implement it; the runtime hands out a guarded copy through
 * {@link Instrument#capability(Class)}, which serialises calls with the instrument's other commands,
 * applies the acquisition timeout and checks field of view and probe positions against the safety
 * envelope ({@link PropertyNames#FIELD_OF_VIEW}, {@link PropertyNames#PROBE_POSITION}).
 */
@ConsumerType
public interface ScanController {

    /** The parameters the next scan uses. */
    ScanParameters frameParameters() throws InstrumentException;

    void setFrameParameters(ScanParameters parameters) throws InstrumentException;

    /**
     * Scans one frame and returns one image per channel asked for, in that order, each with y/x axes
     * in metres and the instrument's state in its metadata. The probe is parked afterwards.
     */
    List<DataArray> record(ScanParameters parameters, List<ScanChannel> channels) throws InstrumentException;

    ProbeState probeState() throws InstrumentException;

    /** Where the probe is parked, or empty when it is scanning or parked at its default position. */
    Optional<ProbePosition> probePosition() throws InstrumentException;

    /** Parks the probe at a position of the last scan field. */
    void moveProbe(ProbePosition position) throws InstrumentException;

    /** Parks the probe at its default position. */
    void park() throws InstrumentException;
}
