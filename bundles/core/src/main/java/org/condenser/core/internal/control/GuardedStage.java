package org.condenser.core.internal.control;

import java.util.List;
import java.util.Objects;

import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.Stage;
import org.condenser.api.instrument.StagePosition;

/** A driver's stage as everyone else sees it: every axis of a move within the stage's limits and the envelope. */
final class GuardedStage implements Stage {

    private static final List<String> AXES = List.of(PropertyNames.STAGE_X, PropertyNames.STAGE_Y,
            PropertyNames.STAGE_Z, PropertyNames.STAGE_ALPHA, PropertyNames.STAGE_BETA);

    private final GuardedInstrument guard;
    private final Stage stage;
    private final StagePosition lower;
    private final StagePosition upper;

    GuardedStage(GuardedInstrument guard, Stage stage) {
        this.guard = guard;
        this.stage = stage;
        this.lower = stage.lowerLimits();
        this.upper = stage.upperLimits();
    }

    @Override
    public StagePosition position() throws InstrumentException {
        return guard.lane().call("read stage position", guard.limits().command(), stage::position);
    }

    @Override
    public StagePosition lowerLimits() {
        return lower;
    }

    @Override
    public StagePosition upperLimits() {
        return upper;
    }

    @Override
    public void moveTo(StagePosition target) throws InstrumentException {
        Objects.requireNonNull(target, "target");
        double[] to = values(target);
        double[] low = values(lower);
        double[] high = values(upper);
        for (int axis = 0; axis < to.length; axis++) {
            if (to[axis] < low[axis] || to[axis] > high[axis]) {
                throw new InstrumentException(RecordStatus.OUT_OF_RANGE, guard.id() + ": " + AXES.get(axis) + " = "
                        + ValueText.format(to[axis]) + " is outside the stage's range " + ValueText.format(low[axis])
                        + ".." + ValueText.format(high[axis]));
            }
        }
        guard.lane().call("move stage to " + target, guard.limits().acquisition(), () -> {
            for (int axis = 0; axis < to.length; axis++) {
                guard.admit(AXES.get(axis), to[axis], true);
            }
            stage.moveTo(target);
            for (int axis = 0; axis < to.length; axis++) {
                guard.admitted(AXES.get(axis), to[axis]);
            }
            return null;
        });
    }

    private static double[] values(StagePosition position) {
        return new double[] { position.x(), position.y(), position.z(), position.alpha(), position.beta() };
    }
}
