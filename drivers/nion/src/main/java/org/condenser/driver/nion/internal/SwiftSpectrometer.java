package org.condenser.driver.nion.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.Spectrometer;

/** Swift's EELS camera, summed to a spectrum ({@code processing="sum_project"}). */
final class SwiftSpectrometer implements Spectrometer {

    private final NionDriver driver;

    SwiftSpectrometer(NionDriver driver) {
        this.driver = driver;
    }

    @Override
    public DataArray spectrum(double exposure) throws InstrumentException {
        Object answer = SwiftCalls.call(driver, "acquire", "eels", exposure * 1000, 1, true);
        return decode(answer, exposure);
    }

    private DataArray decode(Object answer, double exposure) throws InstrumentException {
        try {
            return SwiftArrays.decode(answer, "EELS", List.of("energy loss"),
                    Map.of("instrument", driver.id(), "exposure_s", exposure));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InstrumentException(RecordStatus.FAILED, driver.id() + ": a spectrum from Swift was malformed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public DataArray spectrumImage(List<ProbePosition> positions, double exposure) throws InstrumentException {
        List<List<Double>> yx = new ArrayList<>();
        positions.forEach(p -> yx.add(List.of(p.y(), p.x())));
        List<?> answers = (List<?>) SwiftCalls.call(driver, "spectra_at", yx, exposure * 1000);
        if (answers.size() != positions.size()) {
            throw new InstrumentException(RecordStatus.FAILED, driver.id() + ": Swift returned " + answers.size()
                    + " spectra for " + positions.size() + " positions");
        }
        List<DataArray> spectra = new ArrayList<>();
        for (Object answer : answers) {
            spectra.add(decode(answer, exposure));
        }
        DataArray first = spectra.get(0);
        int channels = first.shape()[0];
        ByteBuffer stacked = ByteBuffer.allocate(positions.size() * channels * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (DataArray spectrum : spectra) {
            if (spectrum.shape().length != 1 || spectrum.shape()[0] != channels) {
                throw new InstrumentException(RecordStatus.FAILED, driver.id() + ": spectra of different lengths");
            }
            for (int c = 0; c < channels; c++) {
                stacked.putFloat((float) spectrum.getDouble(c));
            }
        }
        stacked.flip();
        return new DataArray("EELS spectrum image", org.condenser.api.data.DType.FLOAT32,
                new int[] { positions.size(), channels }, stacked, first.unit(),
                List.of(new Axis("position", "", 0, 1, positions.size()), first.axes().get(0)),
                Map.of("instrument", driver.id(), "exposure_s", exposure, "probe_positions", yx));
    }
}
