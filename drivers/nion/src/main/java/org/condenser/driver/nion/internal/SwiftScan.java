package org.condenser.driver.nion.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.ProbeState;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;

/** Swift's scan through the companion: frame parameters in Swift's names, channels 0 (HAADF) and 1 (MAADF). */
final class SwiftScan implements ScanController {

    private final NionDriver driver;

    SwiftScan(NionDriver driver) {
        this.driver = driver;
    }

    @Override
    public ScanParameters frameParameters() throws InstrumentException {
        Map<?, ?> fp = (Map<?, ?>) call("frame_parameters");
        List<?> size = (List<?>) fp.get("size");
        return new ScanParameters(((Number) size.get(0)).intValue(), ((Number) size.get(1)).intValue(),
                // Divided, not multiplied by 1e-9: 8 nm becomes exactly 8e-9 m.
                ((Number) fp.get("fov_nm")).doubleValue() / 1e9, ((Number) fp.get("pixel_time_us")).doubleValue() / 1e6,
                ((Number) fp.get("rotation_rad")).doubleValue());
    }

    static Map<String, Object> swiftFrame(ScanParameters p) {
        Map<String, Object> fp = new LinkedHashMap<>();
        fp.put("size", List.of(p.height(), p.width()));
        fp.put("fov_nm", p.fieldOfView() * 1e9);
        fp.put("pixel_time_us", p.pixelTime() * 1e6);
        fp.put("rotation_rad", p.rotation());
        return fp;
    }

    @Override
    public void setFrameParameters(ScanParameters parameters) throws InstrumentException {
        call("set_frame_parameters", swiftFrame(parameters));
    }

    @Override
    public List<DataArray> record(ScanParameters parameters, List<ScanChannel> channels) throws InstrumentException {
        List<Integer> indices = new ArrayList<>();
        channels.forEach(c -> indices.add(c == ScanChannel.HAADF ? 0 : 1));
        List<?> arrays = (List<?>) call("record", swiftFrame(parameters), indices);
        if (arrays.size() != channels.size()) {
            throw new InstrumentException(RecordStatus.FAILED, driver.id() + ": Swift returned " + arrays.size()
                    + " images for " + channels.size() + " channels");
        }
        List<DataArray> images = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            images.add(SwiftArrays.decode(arrays.get(i), channels.get(i).name(), List.of("y", "x"),
                    Map.of("instrument", driver.id(), "detector", channels.get(i).name(),
                            "pixel_time_s", parameters.pixelTime(), "field_of_view_m", parameters.fieldOfView())));
        }
        return images;
    }

    @Override
    public ProbeState probeState() throws InstrumentException {
        String state = String.valueOf(((Map<?, ?>) call("probe")).get("state"));
        return switch (state) {
            case "scanning" -> ProbeState.SCANNING;
            case "blanked" -> ProbeState.BLANKED;
            default -> ProbeState.PARKED;
        };
    }

    @Override
    public Optional<ProbePosition> probePosition() throws InstrumentException {
        Object position = ((Map<?, ?>) call("probe")).get("position");
        if (position instanceof List<?> yx && yx.size() == 2) {
            return Optional.of(new ProbePosition(((Number) yx.get(0)).doubleValue(), ((Number) yx.get(1)).doubleValue()));
        }
        return Optional.empty();
    }

    @Override
    public void moveProbe(ProbePosition position) throws InstrumentException {
        call("set_probe_position", position.y(), position.x());
    }

    @Override
    public void park() throws InstrumentException {
        call("park");
    }

    private Object call(String method, Object... arguments) throws InstrumentException {
        return SwiftCalls.call(driver, method, arguments);
    }
}
