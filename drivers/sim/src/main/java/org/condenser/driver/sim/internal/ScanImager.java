package org.condenser.driver.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanParameters;

/**
 * Renders a STEM scan of the twin: per pixel, the signal of each detector where the probe was on the
 * specimen at that pixel's time (so drift during the frame shears it), times the dose, with shot noise.
 */
final class ScanImager {

    /** Counts per electron a MAADF detector gathers relative to HAADF. */
    private static final double MAADF_GAIN = 1.5;
    /** Counts per electron from everything that is not the specimen (dark current, stray scattering). */
    private static final double BACKGROUND = 2e-4;

    private final Twin twin;

    ScanImager(Twin twin) {
        this.twin = twin;
    }

    List<DataArray> record(ScanParameters scan, List<ScanChannel> channels) {
        double lineTime = scan.width() * scan.pixelTime();
        double start = twin.spend(scan.frameTime());
        ShotNoise noise = new ShotNoise(twin.nextNoiseSeed());
        int h = scan.height();
        int w = scan.width();
        List<float[]> images = new ArrayList<>();
        channels.forEach(channel -> images.add(new float[h * w]));
        double efficiency = twin.config.haadfEfficiency();
        for (int row = 0; row < h; row++) {
            double clock = start + row * lineTime;
            double electrons = twin.electronsPerSecond(clock) * scan.pixelTime();
            double stageX = twin.sensors.read(PropertyNames.STAGE_X, clock);
            double stageY = twin.sensors.read(PropertyNames.STAGE_Y, clock);
            for (int column = 0; column < w; column++) {
                double[] p = Twin.specimenPoint(scan, row, column, stageX, stageY);
                for (int c = 0; c < channels.size(); c++) {
                    double signal = channels.get(c) == ScanChannel.HAADF ? twin.signals.haadf(p[0], p[1])
                            : MAADF_GAIN * twin.signals.maadf(p[0], p[1]);
                    images.get(c)[row * w + column] = (float) noise.count(electrons * (efficiency * signal + BACKGROUND));
                }
            }
        }
        Map<String, Object> metadata = twin.metadata(start);
        metadata.put("field_of_view_m", scan.fieldOfView());
        metadata.put("pixel_time_s", scan.pixelTime());
        metadata.put("rotation_rad", scan.rotation());
        metadata.put("line_time_s", lineTime);
        metadata.put("scan_start_clock_s", start);
        List<Axis> axes = List.of(new Axis("y", "m", 0, scan.pixelSize(), h), new Axis("x", "m", 0, scan.pixelSize(), w));
        List<DataArray> result = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            metadata.put("detector", channels.get(c).name());
            result.add(DataArray.ofFloats(channels.get(c).name(), images.get(c), "counts", axes, metadata));
        }
        twin.park(null);
        return result;
    }
}
