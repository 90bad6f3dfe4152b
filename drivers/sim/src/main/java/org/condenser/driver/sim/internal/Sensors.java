package org.condenser.driver.sim.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.condenser.api.instrument.PropertyNames;

/**
 * The instrument's slowly drifting state: each quantity is a setpoint plus a smooth, seeded drift
 * (two incommensurate sines and a slow linear creep) evaluated on the simulated clock. Writing a
 * setpoint makes the reading equal it at that moment; the drift carries on from there, as a real
 * lens or stage does.
 *
 * <p>Thread safe.
 */
final class Sensors {

    private record Drift(double amplitude1, double period1, double phase1, double amplitude2, double period2,
            double phase2, double creep) {

        double at(double t) {
            return amplitude1 * Math.sin(2 * Math.PI * t / period1 + phase1)
                    + amplitude2 * Math.sin(2 * Math.PI * t / period2 + phase2) + creep * t;
        }
    }

    private final Map<String, Drift> drifts = new HashMap<>();
    private final Map<String, double[]> setpoints = new HashMap<>();
    /** Quantities following a recorded trajectory (twin replay), each read from it instead of the drift. */
    private final Map<String, Trajectory> followed = new HashMap<>();

    /**
     * A recorded trajectory: values at offsets (seconds of the recording from its first sample),
     * replayed from a time of the clock at a speed. Piecewise constant, as the recorder keeps values.
     */
    record Trajectory(double startClock, double speed, double[] offsets, double[] values) {

        double at(double clock) {
            double elapsed = (clock - startClock) * speed;
            int i = Arrays.binarySearch(offsets, elapsed);
            int index = i >= 0 ? i : Math.max(0, -i - 2);
            return values[index];
        }

        boolean over(double clock) {
            return (clock - startClock) * speed > offsets[offsets.length - 1];
        }
    }

    Sensors(long seed, SimConfig config) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EB5L);
        define(random, PropertyNames.HIGH_TENSION, config.highTension(), 0.4, 0);
        define(random, PropertyNames.DEFOCUS, 0, 0.3e-9, 0.002e-9);
        define(random, "sim:C12.x", 0, 0.2e-9, 0.001e-9);
        define(random, "sim:C12.y", 0, 0.2e-9, -0.001e-9);
        define(random, PropertyNames.STAGE_X, 0, 0.05e-9, config.driftX());
        define(random, PropertyNames.STAGE_Y, 0, 0.05e-9, config.driftY());
        define(random, PropertyNames.STAGE_Z, 0, 0.5e-9, 0);
        define(random, PropertyNames.STAGE_ALPHA, 0, 0, 0);
        define(random, PropertyNames.STAGE_BETA, 0, 0, 0);
        define(random, PropertyNames.BEAM_CURRENT, config.beamCurrent(), config.beamCurrent() * 0.01,
                -config.beamCurrent() * 2e-6);
        define(random, PropertyNames.CONVERGENCE_ANGLE, 0.030, 0, 0);
        define(random, PropertyNames.COLUMN_VACUUM, 2e-7, 0.2e-7, 0);
    }

    private void define(SplittableRandom random, String name, double setpoint, double amplitude, double creep) {
        drifts.put(name, new Drift(amplitude, 300 + 600 * random.nextDouble(), 2 * Math.PI * random.nextDouble(),
                amplitude / 3, 37 + 50 * random.nextDouble(), 2 * Math.PI * random.nextDouble(), creep));
        setpoints.put(name, new double[] { setpoint, 0 });
    }

    boolean has(String name) {
        return drifts.containsKey(name);
    }

    /** The reading at a time of the simulated clock. */
    synchronized double read(String name, double clock) {
        Trajectory trajectory = followed.get(name);
        if (trajectory != null) {
            return trajectory.at(clock);
        }
        Drift drift = drifts.get(name);
        double[] setpoint = setpoints.get(name);
        return setpoint[0] + drift.at(clock) - drift.at(setpoint[1]);
    }

    /** Sets a quantity: the reading equals the value at this time of the clock. */
    synchronized void set(String name, double value, double clock) {
        followed.remove(name); // a write takes the quantity back from a replay
        setpoints.put(name, new double[] { value, clock });
    }

    /** Follows a trajectory from now on; replaces what the quantity followed before. */
    synchronized void follow(String name, Trajectory trajectory) {
        followed.put(name, trajectory);
    }

    /** Stops every replay; each quantity keeps the value it has now and drifts on from there. */
    synchronized void release(double clock) {
        for (Map.Entry<String, Trajectory> entry : Map.copyOf(followed).entrySet()) {
            followed.remove(entry.getKey());
            setpoints.put(entry.getKey(), new double[] { entry.getValue().at(clock), clock });
        }
    }

    /** The quantities being replayed, and how many of them have reached their last sample. */
    synchronized int[] following(double clock) {
        int over = 0;
        for (Trajectory trajectory : followed.values()) {
            over += trajectory.over(clock) ? 1 : 0;
        }
        return new int[] { followed.size(), over };
    }

    /** The drift part alone (what a quantity does with no one touching it), from the start of the clock. */
    double drift(String name, double clock) {
        return drifts.get(name).at(clock) - drifts.get(name).at(0);
    }
}
