package org.condenser.driver.nion.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = NionConfig.PID, name = "Condenser Nion Swift driver",
        description = "One Nion STEM, reached through the companion (runtime/python/condenser_swift_server.py) "
                + "running in Swift's console. One factory configuration per microscope.")
@interface NionConfig {

    String PID = "org.condenser.driver.nion";

    @AttributeDefinition(description = "Instrument id, unique in the runtime")
    String id() default "nion";

    @AttributeDefinition(description = "Host running Swift and the companion")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "The companion's Pyro port", min = "1", max = "65535")
    int port() default 9800;

    @AttributeDefinition(description = "File holding the HMAC key shared with the companion (relative to the "
            + "runtime's home unless absolute); preferred over hmacKey, which leaves the key in conf/",
            required = false)
    String hmacKeyFile() default "";

    @AttributeDefinition(description = "The HMAC key itself, when no key file is given", required = false,
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String hmacKey() default "";

    @AttributeDefinition(description = "Seconds between attempts to (re)connect", min = "0.1")
    double reconnectInterval() default 2;

    @AttributeDefinition(description = "Seconds a call may take before the connection counts as lost", min = "0.1")
    double callTimeout() default 30;

    @AttributeDefinition(description = "Swift controls exposed as native properties (nion:NAME), comma separated")
    String controls() default "C10, C12.x, C12.y, C21.x, C21.y, C23.x, C23.y, C30, EHT, BeamCurrent, "
            + "ConvergenceAngle, C_Blank, ZLPoffset";
}
