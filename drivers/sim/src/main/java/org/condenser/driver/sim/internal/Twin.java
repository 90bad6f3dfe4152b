package org.condenser.driver.sim.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.ProbeState;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ScanParameters;

/**
 * The twin's whole state: the specimen and its signals, the drifting sensors, the simulated clock,
 * the scan's frame parameters and the probe. The clock runs with real time and jumps forward by the
 * duration of each simulated acquisition, so the drift seen in a series of images is the drift a
 * real session of that length would show, however fast the twin renders.
 *
 * <p>Thread safe (the runtime serialises commands anyway; the ground truth may be read at any time).
 */
final class Twin {

    /** Electron charge, C. */
    static final double ELECTRON = 1.602176634e-19;

    final String id;
    final long seed;
    final SimConfig config;
    final Specimen specimen;
    final Signals signals;
    final Sensors sensors;
    private final long startNanos = System.nanoTime();
    private double advanced;
    private long acquisitions;
    private ScanParameters frame = new ScanParameters(256, 256, 8e-9, 10e-6, 0);
    private ProbeState probeState = ProbeState.PARKED;
    private ProbePosition probe;
    private boolean blanked;

    Twin(SimConfig config) {
        this.id = config.id();
        this.seed = config.seed();
        this.config = config;
        this.specimen = new Specimen(seed, config.specimenSize(), config.latticeConstant(), config.vacancyFraction(),
                config.siliconFraction(), config.nitrogenFraction());
        this.signals = new Signals(specimen, config.latticeConstant());
        this.sensors = new Sensors(seed, config);
    }

    synchronized double clock() {
        return (System.nanoTime() - startNanos) / 1e9 + advanced;
    }

    /** Moves the clock on by a simulated duration; returns the clock at its start. */
    synchronized double spend(double seconds) {
        double start = clock();
        advanced += Math.max(0, seconds);
        return start;
    }

    /** A seed for the noise of the next acquisition: the same commands give the same data. */
    synchronized long nextNoiseSeed() {
        return seed * 1_000_003L + (++acquisitions);
    }

    synchronized ScanParameters frame() {
        return frame;
    }

    synchronized void setFrame(ScanParameters parameters) {
        this.frame = parameters;
    }

    synchronized ProbeState probeState() {
        return blanked ? ProbeState.BLANKED : probeState;
    }

    synchronized ProbePosition probe() {
        return probe;
    }

    synchronized void park(ProbePosition position) {
        probeState = ProbeState.PARKED;
        probe = position;
    }

    synchronized void scanning() {
        probeState = ProbeState.SCANNING;
    }

    synchronized boolean blanked() {
        return blanked;
    }

    synchronized void setBlanked(boolean blanked) {
        this.blanked = blanked;
    }

    /** Electrons per second in the probe now (none when blanked). */
    double electronsPerSecond(double clock) {
        return blanked() ? 0 : sensors.read(PropertyNames.BEAM_CURRENT, clock) / ELECTRON;
    }

    /**
     * The specimen point under a (fractional) pixel of a scan: the field is centred on where the
     * stage (drift included) was at the given time of the clock.
     */
    double[] specimenPoint(ScanParameters scan, double row, double column, double clock) {
        return specimenPoint(scan, row, column, sensors.read(PropertyNames.STAGE_X, clock),
                sensors.read(PropertyNames.STAGE_Y, clock));
    }

    static double[] specimenPoint(ScanParameters scan, double row, double column, double stageX, double stageY) {
        double pixel = scan.pixelSize();
        double u = (column + 0.5 - scan.width() / 2.0) * pixel;
        double v = (row + 0.5 - scan.height() / 2.0) * pixel;
        double cos = Math.cos(scan.rotation());
        double sin = Math.sin(scan.rotation());
        return new double[] { stageX + u * cos - v * sin, stageY + u * sin + v * cos };
    }

    /** Where the probe sits on the specimen now: its parked position in the last field, or the field's centre. */
    double[] probePoint(double clock) {
        ScanParameters scan = frame();
        ProbePosition at = probe();
        double row = at == null ? scan.height() / 2.0 - 0.5 : at.y() * scan.height() - 0.5;
        double column = at == null ? scan.width() / 2.0 - 0.5 : at.x() * scan.width() - 0.5;
        return specimenPoint(scan, row, column, clock);
    }

    /** The state a dataset carries: what the sensors said when it was taken. */
    Map<String, Object> metadata(double clock) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("instrument", id);
        metadata.put("vendor", "Condenser");
        metadata.put("model", "simulated STEM");
        metadata.put("specimen_seed", seed);
        metadata.put("time", Instant.now().toString());
        metadata.put("clock_s", clock);
        for (String name : List.of(PropertyNames.HIGH_TENSION, PropertyNames.DEFOCUS, PropertyNames.BEAM_CURRENT,
                PropertyNames.CONVERGENCE_ANGLE, PropertyNames.STAGE_X, PropertyNames.STAGE_Y, PropertyNames.STAGE_Z,
                PropertyNames.STAGE_ALPHA, PropertyNames.STAGE_BETA, PropertyNames.COLUMN_VACUUM)) {
            metadata.put(name, sensors.read(name, clock));
        }
        return metadata;
    }
}
