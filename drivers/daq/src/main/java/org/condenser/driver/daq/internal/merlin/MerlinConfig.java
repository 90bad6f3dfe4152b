package org.condenser.driver.daq.internal.merlin;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MerlinConfig.PID, name = "Condenser Quantum Detectors Merlin",
        description = "A Merlin (Medipix3) as a frame source: frames read from its data channel and, when Condenser "
                + "controls it, acquisitions set up and started over its control channel. One factory configuration "
                + "per detector.")
@interface MerlinConfig {

    String PID = "org.condenser.daq.merlin";

    @AttributeDefinition(description = "Name of the frame source, unique in the runtime")
    String name();

    String host() default "127.0.0.1";

    @AttributeDefinition(min = "1", max = "65535")
    int controlPort() default 6341;

    @AttributeDefinition(min = "1", max = "65535")
    int dataPort() default 6342;

    @AttributeDefinition(description = "Whether Condenser sets up and starts the acquisition")
    boolean control() default true;

    @AttributeDefinition(description = "Counter depth: 6, 12 or 24 bits (1-bit frames are not taken)")
    int counterDepth() default 12;

    @AttributeDefinition(description = "Scan height the frames fill in order; 0 when not a scan", min = "0")
    int scanHeight() default 0;

    @AttributeDefinition(min = "0")
    int scanWidth() default 0;

    @AttributeDefinition(description = "Frames per acquisition when not a scan", min = "1")
    int frames() default 1;

    @AttributeDefinition(description = "Exposure per frame, ms", min = "0")
    double acquisitionTimeMillis() default 1;
}
