package org.condenser.driver.thermofisher.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = TemConfig.PID, name = "Condenser ThermoFisher driver",
        description = "A ThermoFisher/FEI TEM through a temscript server (temscript-server on the microscope PC). "
                + "The server has no authentication of its own: reach it over a trusted network or a tunnel.")
@interface TemConfig {

    String PID = "org.condenser.driver.thermofisher";

    @AttributeDefinition(description = "Instrument id, unique in the runtime")
    String id() default "tem";

    @AttributeDefinition(description = "The temscript server, such as http://10.0.0.5:8080")
    String url() default "http://127.0.0.1:8080";

    @AttributeDefinition(description = "Seconds a request may take", min = "0.1")
    double timeout() default 30;

    @AttributeDefinition(description = "Seconds between attempts to (re)connect", min = "0.1")
    double reconnectInterval() default 2;
}
