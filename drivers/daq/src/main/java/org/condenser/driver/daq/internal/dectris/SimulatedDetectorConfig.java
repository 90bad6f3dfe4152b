package org.condenser.driver.daq.internal.dectris;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SimulatedDetectorConfig.PID, name = "Condenser simulated DECTRIS detector",
        description = "A simulated DECTRIS detector control unit (SIMPLON REST and stream v2 on loopback) whose "
                + "frames are an instrument camera's 4D-STEM scan: the demo's live 4D-STEM detector.")
@interface SimulatedDetectorConfig {

    String PID = "org.condenser.daq.dectris.sim";

    @AttributeDefinition(description = "The instrument whose camera exposes, as an LDAP filter on its service")
    String instrument_target() default "(condenser.instrument.id=sim-stem)";

    @AttributeDefinition(description = "REST port on 127.0.0.1", min = "1", max = "65535")
    int restPort() default 18080;

    @AttributeDefinition(description = "Stream port on 127.0.0.1 (DECTRIS use 31001)", min = "1", max = "65535")
    int streamPort() default 31001;

    @AttributeDefinition(description = "Width of the scan the frames come from; its height follows from nimages",
            min = "1")
    int scanWidth() default 64;

    @AttributeDefinition(description = "Field of view of that scan, m")
    double fieldOfView() default 4e-9;

    @AttributeDefinition(description = "Camera binning", min = "1")
    int binning() default 1;
}
