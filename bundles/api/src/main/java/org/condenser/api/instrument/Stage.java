package org.condenser.api.instrument;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The specimen stage. Guarded by the runtime: every axis of a move passes the envelope's rules for
 * {@link PropertyNames#STAGE_X} … {@link PropertyNames#STAGE_BETA} and the stage's own limits.
 */
@ConsumerType
public interface Stage {

    StagePosition position() throws InstrumentException;

    /** The lowest position the stage reaches on every axis. */
    StagePosition lowerLimits();

    /** The highest position the stage reaches on every axis. */
    StagePosition upperLimits();

    /** Moves to a position and returns when it is reached. */
    void moveTo(StagePosition target) throws InstrumentException;
}
