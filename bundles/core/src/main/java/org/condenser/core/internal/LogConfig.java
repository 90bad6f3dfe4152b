package org.condenser.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = LogConfig.PID, name = "Condenser log",
        description = "Where the runtime's log goes: the console and a rolling file in the runtime's home.")
@interface LogConfig {

    String PID = "org.condenser.core.log";

    @AttributeDefinition(description = "Lowest level written to the console (standard error)")
    LogLevelName consoleLevel() default LogLevelName.WARN;

    @AttributeDefinition(description = "Lowest level written to the log file")
    LogLevelName fileLevel() default LogLevelName.INFO;

    @AttributeDefinition(description = "Log file, relative to the runtime's home unless absolute")
    String file() default "logs/condenser.log";

    @AttributeDefinition(description = "Size at which the file is rolled over, in KiB", min = "16")
    int maxFileSizeKb() default 10240;

    @AttributeDefinition(description = "Rolled-over files kept beside the current one", min = "0", max = "100")
    int maxFiles() default 5;
}
