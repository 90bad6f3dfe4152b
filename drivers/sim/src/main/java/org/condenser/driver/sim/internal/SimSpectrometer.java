package org.condenser.driver.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.Spectrometer;

/** The twin's EELS spectrometer: a spectrum at the probe, or one at each of a list of positions. */
final class SimSpectrometer implements Spectrometer {

    private final Twin twin;
    private final EelsModel eels;

    SimSpectrometer(Twin twin) {
        this.twin = twin;
        this.eels = new EelsModel(twin);
    }

    @Override
    public DataArray spectrum(double exposure) {
        double clock = twin.spend(exposure);
        return eels.spectrum(twin.probePoint(clock), exposure, clock, new ShotNoise(twin.nextNoiseSeed()),
                twin.metadata(clock));
    }

    @Override
    public DataArray spectrumImage(List<ProbePosition> positions, double exposure) {
        ProbePosition before = twin.probe();
        ShotNoise noise = new ShotNoise(twin.nextNoiseSeed());
        float[] counts = new float[positions.size() * EelsModel.CHANNELS];
        double start = twin.clock();
        List<List<Double>> where = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            twin.park(positions.get(i));
            double clock = twin.spend(exposure);
            DataArray one = eels.spectrum(twin.probePoint(clock), exposure, clock, noise, new java.util.HashMap<>());
            for (int c = 0; c < EelsModel.CHANNELS; c++) {
                counts[i * EelsModel.CHANNELS + c] = (float) one.getDouble(c);
            }
            where.add(List.of(positions.get(i).y(), positions.get(i).x()));
        }
        twin.park(before);
        Map<String, Object> metadata = twin.metadata(start);
        metadata.put("exposure_s", exposure);
        metadata.put("probe_positions", where);
        return DataArray.ofFloats("EELS spectrum image", counts, "counts",
                List.of(new Axis("position", "", 0, 1, positions.size()), EelsModel.energyAxis()), metadata);
    }
}
