package org.condenser.api.instrument;

import java.util.List;

import org.condenser.api.data.DataArray;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An EELS spectrometer. Guarded by the runtime like every capability; every position of a spectrum
 * image passes the envelope's {@link PropertyNames#PROBE_POSITION} rules before the first is measured.
 */
@ConsumerType
public interface Spectrometer {

    /** One spectrum at the probe's current position, with an energy-loss axis in eV. */
    DataArray spectrum(double exposure) throws InstrumentException;

    /**
     * A spectrum at each position in order (the probe is moved to each, then parked where it was):
     * (position, energy loss).
     */
    DataArray spectrumImage(List<ProbePosition> positions, double exposure) throws InstrumentException;
}
