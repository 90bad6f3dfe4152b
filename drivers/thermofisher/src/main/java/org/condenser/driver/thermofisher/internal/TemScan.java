package org.condenser.driver.thermofisher.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.ProbeState;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;

/**
 * STEM imaging through {@code stem_acquisition_param} and {@code acquire}. The temscript protocol
 * sets the dwell time and a binning of the detector's full frame, not a frame size, field of view
 * or probe position: the frame comes back at the size the microscope chooses, and the probe cannot
 * be parked from here.
 */
final class TemScan implements ScanController {

    private final TemDriver driver;
    private final List<String> detectors;

    TemScan(TemDriver driver, List<String> detectors) {
        this.driver = driver;
        this.detectors = List.copyOf(detectors);
    }

    @Override
    public ScanParameters frameParameters() throws InstrumentException {
        throw unsupported("the frame size or field of view; give them to record");
    }

    @Override
    public void setFrameParameters(ScanParameters parameters) throws InstrumentException {
        TemCalls.call(driver, "set STEM parameters",
                () -> driver.put("stem_acquisition_param", Map.of("dwell_time(s)", parameters.pixelTime())));
    }

    @Override
    public List<DataArray> record(ScanParameters parameters, List<ScanChannel> channels) throws InstrumentException {
        List<String> names = new ArrayList<>();
        for (ScanChannel channel : channels) {
            String detector = detectorFor(channel);
            names.add(detector);
        }
        setFrameParameters(parameters);
        StringBuilder query = new StringBuilder("acquire?");
        names.forEach(n -> query.append(query.length() > 8 ? "&" : "").append("detectors=").append(n));
        Map<?, ?> images = (Map<?, ?>) TemCalls.call(driver, "acquire " + names, () -> driver.get(query.toString()));
        List<DataArray> result = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            try {
                result.add(TemImages.decode(names.get(i), images.get(names.get(i)),
                        List.of(new Axis("y", "px", 0, 1, 1), new Axis("x", "px", 0, 1, 1)),
                        Map.of("instrument", driver.id(), "detector", names.get(i), "pixel_time_s", parameters.pixelTime())));
            } catch (IllegalArgumentException e) {
                throw new InstrumentException(RecordStatus.FAILED, driver.id() + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private String detectorFor(ScanChannel channel) throws InstrumentException {
        for (String detector : detectors) {
            if (detector.equalsIgnoreCase(channel.name())) {
                return detector;
            }
        }
        throw new InstrumentException(RecordStatus.UNSUPPORTED, driver.id() + " has no " + channel + " detector; it has "
                + String.join(", ", detectors));
    }

    @Override
    public ProbeState probeState() throws InstrumentException {
        throw unsupported("the probe state");
    }

    @Override
    public Optional<ProbePosition> probePosition() throws InstrumentException {
        throw unsupported("the probe position");
    }

    @Override
    public void moveProbe(ProbePosition position) throws InstrumentException {
        throw unsupported("moving the probe");
    }

    @Override
    public void park() throws InstrumentException {
        throw unsupported("parking the probe");
    }

    private InstrumentException unsupported(String what) {
        return new InstrumentException(RecordStatus.UNSUPPORTED, driver.id() + ": the temscript protocol offers no "
                + what);
    }
}
