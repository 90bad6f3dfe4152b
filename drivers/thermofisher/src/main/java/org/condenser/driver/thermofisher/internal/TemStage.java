package org.condenser.driver.thermofisher.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.Stage;
import org.condenser.api.instrument.StagePosition;

/** The stage through {@code stage_position} (metres and radians) with the limits the server reported. */
final class TemStage implements Stage {

    private final TemDriver driver;
    private final StagePosition lower;
    private final StagePosition upper;

    TemStage(TemDriver driver, StagePosition lower, StagePosition upper) {
        this.driver = driver;
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public StagePosition position() throws InstrumentException {
        Map<?, ?> p = (Map<?, ?>) TemCalls.call(driver, "read stage position", () -> driver.get("stage_position"));
        return new StagePosition(number(p, "x"), number(p, "y"), number(p, "z"), number(p, "a"), number(p, "b"));
    }

    private static double number(Map<?, ?> position, String axis) {
        return ((Number) position.get(axis)).doubleValue();
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("x", target.x());
        body.put("y", target.y());
        body.put("z", target.z());
        body.put("a", target.alpha());
        body.put("b", target.beta());
        TemCalls.call(driver, "move stage", () -> driver.put("stage_position?method=GO", body));
    }
}
