package org.condenser.core.internal.control;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = EnvelopeConfig.PID, name = "Condenser safety envelope",
        description = "Limits on what may be written to one instrument, on top of the instrument's own ranges. "
                + "One factory configuration per instrument, such as conf/org.condenser.envelope-sim.cfg.")
@interface EnvelopeConfig {

    String PID = "org.condenser.envelope";

    @AttributeDefinition(description = "Id of the instrument these rules hold for")
    String instrument();

    @AttributeDefinition(description = "Properties that may not be written at all, comma separated; "
            + "empty to forbid none. High tension is forbidden unless this says otherwise.", required = false)
    String forbidden() default EnvelopeRules.DEFAULT_FORBIDDEN;

    @AttributeDefinition(description = "Tighter ranges, as NAME MIN..MAX, comma separated", required = false)
    String limits() default "";

    @AttributeDefinition(description = "Largest change one command may make, as NAME VALUE, comma separated",
            required = false)
    String maxStep() default "";

    @AttributeDefinition(description = "Fastest change over time in units per second, as NAME VALUE, "
            + "comma separated", required = false)
    String maxRate() default "";
}
