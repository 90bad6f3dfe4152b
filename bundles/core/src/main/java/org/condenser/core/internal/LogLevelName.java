package org.condenser.core.internal;

import org.osgi.service.log.LogLevel;

/** The levels a log sink can be set to, as they are written in conf/org.condenser.core.log.cfg. */
enum LogLevelName {
    ERROR(LogLevel.ERROR), WARN(LogLevel.WARN), INFO(LogLevel.INFO), DEBUG(LogLevel.DEBUG);

    private final LogLevel level;

    LogLevelName(LogLevel level) {
        this.level = level;
    }

    /** Whether an entry at the given level is shown by a sink set to this level. */
    boolean shows(LogLevel entryLevel) {
        return level.implies(entryLevel);
    }
}
