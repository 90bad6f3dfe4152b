package org.condenser.experiment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ExperimentConfig.PID, name = "Condenser automated experiments",
        description = "Where results go, and how patient an experiment is with a misbehaving policy or instrument")
@interface ExperimentConfig {

    String PID = "org.condenser.experiment";

    @AttributeDefinition(description = "Folder for results (EMD), relative to the runtime's home")
    String results() default "experiments";

    @AttributeDefinition(description = "Refused proposals in a row that end an experiment", min = "1")
    int refusalsInARow() default 10;

    @AttributeDefinition(description = "Points in a row whose measurement failed every attempt that end an experiment", min = "1")
    int failuresInARow() default 5;

    @AttributeDefinition(description = "Least interval between progress reports while measuring, ms", min = "0")
    long progressIntervalMillis() default 250;
}
