package org.condenser.driver.sim.internal;

import java.util.List;
import java.util.Optional;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.ProbeState;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;

/** The twin's scan: HAADF and MAADF images, frame parameters, and the probe between scans. */
final class SimScan implements ScanController {

    private final Twin twin;
    private final ScanImager imager;

    SimScan(Twin twin) {
        this.twin = twin;
        this.imager = new ScanImager(twin);
    }

    @Override
    public ScanParameters frameParameters() {
        return twin.frame();
    }

    @Override
    public void setFrameParameters(ScanParameters parameters) {
        twin.setFrame(parameters);
    }

    @Override
    public List<DataArray> record(ScanParameters parameters, List<ScanChannel> channels) {
        twin.setFrame(parameters);
        twin.scanning();
        return imager.record(parameters, channels);
    }

    @Override
    public ProbeState probeState() {
        return twin.probeState();
    }

    @Override
    public Optional<ProbePosition> probePosition() {
        return Optional.ofNullable(twin.probe());
    }

    @Override
    public void moveProbe(ProbePosition position) {
        twin.park(position);
    }

    @Override
    public void park() {
        twin.park(null);
    }
}
