package org.condenser.core.internal.control;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = InstrumentsConfig.PID, name = "Condenser instruments",
        description = "How long the runtime waits for an instrument before it reports a timeout.")
@interface InstrumentsConfig {

    String PID = "org.condenser.instruments";

    @AttributeDefinition(description = "Time limit of a property read or write, s", min = "0.01")
    double commandTimeout() default 10;

    @AttributeDefinition(description = "Time limit of an acquisition or a stage move, s, on top of its "
            + "expected duration", min = "0.01")
    double acquisitionTimeout() default 120;
}
