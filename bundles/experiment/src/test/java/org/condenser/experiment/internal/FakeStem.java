package org.condenser.experiment.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.ProbeState;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.api.instrument.Spectrometer;
import org.condenser.api.instrument.WriteResult;

/**
 * An instrument for the loop's tests: a survey whose left half is specimen and right half vacuum,
 * spectra whose counts sum to a chosen function of the probe position, and faults on demand.
 */
final class FakeStem implements Instrument, ScanController, Spectrometer {

    BiFunction<Double, Double, Double> value = (y, x) -> x < 0.5 ? 1 + y : 0.0;
    /** Positions the envelope refuses. */
    BiPredicate<Double, Double> refused = (y, x) -> false;
    /** Positions whose every spectrum fails. */
    BiPredicate<Double, Double> broken = (y, x) -> false;
    /** Positions whose first spectrum fails and the next works. */
    BiPredicate<Double, Double> flaky = (y, x) -> false;
    /** Positions whose spectrum holds NaN. */
    BiPredicate<Double, Double> garbled = (y, x) -> false;
    final List<ProbePosition> moves = new ArrayList<>();
    private final Map<ProbePosition, Integer> tries = new HashMap<>();
    private ProbePosition probe;
    boolean parked;
    int spectra;

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String vendor() {
        return "test";
    }

    @Override
    public String model() {
        return "fake STEM";
    }

    @Override
    public InstrumentStatus status() {
        return InstrumentStatus.online();
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return List.of();
    }

    @Override
    public List<ReadResult> read(List<String> names) {
        return List.of();
    }

    @Override
    public List<WriteResult> write(Map<String, Object> values) {
        return List.of();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> capabilities(Class<T> type) {
        return type.isInstance(this) ? List.of((T) this) : List.of();
    }

    @Override
    public ScanParameters frameParameters() {
        return new ScanParameters(16, 16, 8e-9, 1e-6, 0);
    }

    @Override
    public void setFrameParameters(ScanParameters parameters) {
    }

    @Override
    public List<DataArray> record(ScanParameters parameters, List<ScanChannel> channels) {
        int h = parameters.height();
        int w = parameters.width();
        float[] image = new float[h * w];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                image[r * w + c] = c < w / 2 ? 100 + (r + c) % 3 * 20 : 1;
            }
        }
        Axis y = new Axis("y", "m", 0, parameters.pixelSize(), h);
        Axis x = new Axis("x", "m", 0, parameters.pixelSize(), w);
        return List.of(DataArray.ofFloats("HAADF", image, "counts", List.of(y, x), Map.of("detector", "HAADF")));
    }

    @Override
    public ProbeState probeState() {
        return ProbeState.PARKED;
    }

    @Override
    public Optional<ProbePosition> probePosition() {
        return Optional.ofNullable(probe);
    }

    @Override
    public void moveProbe(ProbePosition position) throws InstrumentException {
        if (refused.test(position.y(), position.x())) {
            throw new InstrumentException(RecordStatus.REFUSED, "probe_position (" + position.y() + ", " + position.x()
                    + ") refused: outside the envelope's allowed region");
        }
        moves.add(position);
        probe = position;
        parked = false;
    }

    @Override
    public void park() {
        probe = null;
        parked = true;
    }

    @Override
    public DataArray spectrum(double exposure) throws InstrumentException {
        ProbePosition at = probe;
        int attempt = tries.merge(at, 1, Integer::sum);
        if (broken.test(at.y(), at.x()) || (flaky.test(at.y(), at.x()) && attempt == 1)) {
            throw new InstrumentException(RecordStatus.FAILED, "the spectrometer did not answer (attempt " + attempt + ")");
        }
        spectra++;
        float[] counts = new float[4];
        double total = value.apply(at.y(), at.x());
        for (int i = 0; i < 4; i++) {
            counts[i] = garbled.test(at.y(), at.x()) ? Float.NaN : (float) (total / 4);
        }
        return DataArray.ofFloats("EELS", counts, "counts", List.of(new Axis("energy loss", "eV", 0, 1, 4)),
                Map.of("probe", at.y() + "," + at.x()));
    }

    @Override
    public DataArray spectrumImage(List<ProbePosition> positions, double exposure) {
        throw new UnsupportedOperationException();
    }
}
