package org.condenser.flows.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = FlowsConfig.PID, name = "Condenser flows",
        description = "Where flow definitions are read from and how often the folder is looked at")
@interface FlowsConfig {

    String PID = "org.condenser.flows";

    @AttributeDefinition(description = "Folder of flow definitions (NAME.json), relative to the runtime's home")
    String folder() default "conf/flows";

    @AttributeDefinition(description = "Seconds between looks at the folder", min = "0.1")
    double pollSeconds() default 1;
}
