package org.condenser.core.internal.control;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.ProbeState;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;

/** A driver's scan as everyone else sees it: on the lane, timed, field of view and probe through the envelope. */
final class GuardedScanController implements ScanController {

    private final GuardedInstrument guard;
    private final ScanController scan;

    GuardedScanController(GuardedInstrument guard, ScanController scan) {
        this.guard = guard;
        this.scan = scan;
    }

    @Override
    public ScanParameters frameParameters() throws InstrumentException {
        return guard.lane().call("read scan frame parameters", guard.limits().command(), scan::frameParameters);
    }

    @Override
    public void setFrameParameters(ScanParameters parameters) throws InstrumentException {
        Objects.requireNonNull(parameters, "parameters");
        guard.lane().call("set scan frame parameters", guard.limits().command(), () -> {
            guard.admit(PropertyNames.FIELD_OF_VIEW, parameters.fieldOfView(), true);
            scan.setFrameParameters(parameters);
            guard.admitted(PropertyNames.FIELD_OF_VIEW, parameters.fieldOfView());
            return null;
        });
    }

    @Override
    public List<DataArray> record(ScanParameters parameters, List<ScanChannel> channels) throws InstrumentException {
        Objects.requireNonNull(parameters, "parameters");
        if (channels == null || channels.isEmpty()) {
            throw new InstrumentException(RecordStatus.WRONG_TYPE, guard.id() + ": record needs at least one channel");
        }
        String what = "record " + channels.stream().map(Enum::name).collect(Collectors.joining(", "));
        Duration limit = guard.limits().acquisition().plus(seconds(2 * parameters.frameTime()));
        return guard.lane().call(what, limit, () -> {
            guard.admit(PropertyNames.FIELD_OF_VIEW, parameters.fieldOfView(), true);
            List<DataArray> images = scan.record(parameters, List.copyOf(channels));
            if (images == null || images.size() != channels.size()) {
                throw new IllegalStateException("the driver returned " + (images == null ? "nothing"
                        : images.size() + " images") + " for " + channels.size() + " channels");
            }
            guard.admitted(PropertyNames.FIELD_OF_VIEW, parameters.fieldOfView());
            return List.copyOf(images);
        });
    }

    @Override
    public ProbeState probeState() throws InstrumentException {
        return guard.lane().call("read probe state", guard.limits().command(), scan::probeState);
    }

    @Override
    public Optional<ProbePosition> probePosition() throws InstrumentException {
        return guard.lane().call("read probe position", guard.limits().command(), scan::probePosition);
    }

    @Override
    public void moveProbe(ProbePosition position) throws InstrumentException {
        Objects.requireNonNull(position, "position");
        List<Double> value = List.of(position.y(), position.x());
        guard.lane().call("move probe to " + ValueText.format(value), guard.limits().command(), () -> {
            guard.admit(PropertyNames.PROBE_POSITION, value, true);
            scan.moveProbe(position);
            guard.admitted(PropertyNames.PROBE_POSITION, value);
            return null;
        });
    }

    @Override
    public void park() throws InstrumentException {
        guard.lane().call("park probe", guard.limits().command(), () -> {
            scan.park();
            return null;
        });
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis((long) Math.ceil(Math.max(0, seconds) * 1000));
    }
}
