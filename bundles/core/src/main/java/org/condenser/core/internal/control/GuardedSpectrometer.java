package org.condenser.core.internal.control;

import java.time.Duration;
import java.util.List;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.Spectrometer;

/**
 * A driver's spectrometer as everyone else sees it. Every position of a spectrum image is checked
 * against the envelope before the first is measured, so a refused point never leaves half a map.
 */
final class GuardedSpectrometer implements Spectrometer {

    private final GuardedInstrument guard;
    private final Spectrometer spectrometer;

    GuardedSpectrometer(GuardedInstrument guard, Spectrometer spectrometer) {
        this.guard = guard;
        this.spectrometer = spectrometer;
    }

    @Override
    public DataArray spectrum(double exposure) throws InstrumentException {
        checkExposure(exposure);
        Duration limit = guard.limits().acquisition().plus(GuardedScanController.seconds(2 * exposure));
        return guard.lane().call("acquire spectrum", limit, () -> spectrometer.spectrum(exposure));
    }

    @Override
    public DataArray spectrumImage(List<ProbePosition> positions, double exposure) throws InstrumentException {
        checkExposure(exposure);
        if (positions == null || positions.isEmpty()) {
            throw new InstrumentException(RecordStatus.WRONG_TYPE, guard.id() + ": a spectrum image needs positions");
        }
        List<ProbePosition> copy = List.copyOf(positions);
        Duration limit = guard.limits().acquisition()
                .plus(GuardedScanController.seconds(2 * exposure * copy.size()));
        return guard.lane().call("spectrum image of " + copy.size() + " positions", limit, () -> {
            for (ProbePosition position : copy) {
                guard.admit(PropertyNames.PROBE_POSITION, List.of(position.y(), position.x()), false);
            }
            return spectrometer.spectrumImage(copy, exposure);
        });
    }

    private void checkExposure(double exposure) throws InstrumentException {
        if (!(exposure > 0) || !Double.isFinite(exposure)) {
            throw new InstrumentException(RecordStatus.OUT_OF_RANGE,
                    guard.id() + ": exposure " + exposure + " s must be positive and finite");
        }
    }
}
