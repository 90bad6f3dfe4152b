package org.condenser.driver.sim.internal;

import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.Stage;
import org.condenser.api.instrument.StagePosition;

/** The twin's stage: moves at 1 µm/s of simulated time, and drifts as its sensors say. */
final class SimStage implements Stage {

    static final StagePosition LOWER = new StagePosition(-0.5e-6, -0.5e-6, -1e-6, -0.5, -0.5);
    static final StagePosition UPPER = new StagePosition(0.5e-6, 0.5e-6, 1e-6, 0.5, 0.5);
    private static final double SPEED = 1e-6;

    private final Twin twin;

    SimStage(Twin twin) {
        this.twin = twin;
    }

    @Override
    public StagePosition position() {
        double clock = twin.clock();
        return new StagePosition(twin.sensors.read(PropertyNames.STAGE_X, clock),
                twin.sensors.read(PropertyNames.STAGE_Y, clock), twin.sensors.read(PropertyNames.STAGE_Z, clock),
                twin.sensors.read(PropertyNames.STAGE_ALPHA, clock), twin.sensors.read(PropertyNames.STAGE_BETA, clock));
    }

    @Override
    public StagePosition lowerLimits() {
        return LOWER;
    }

    @Override
    public StagePosition upperLimits() {
        return UPPER;
    }

    @Override
    public void moveTo(StagePosition target) {
        StagePosition from = position();
        double distance = Math.max(Math.hypot(target.x() - from.x(), target.y() - from.y()),
                Math.abs(target.z() - from.z()));
        double clock = twin.spend(distance / SPEED);
        double arrived = clock + distance / SPEED;
        twin.sensors.set(PropertyNames.STAGE_X, target.x(), arrived);
        twin.sensors.set(PropertyNames.STAGE_Y, target.y(), arrived);
        twin.sensors.set(PropertyNames.STAGE_Z, target.z(), arrived);
        twin.sensors.set(PropertyNames.STAGE_ALPHA, target.alpha(), arrived);
        twin.sensors.set(PropertyNames.STAGE_BETA, target.beta(), arrived);
    }
}
