package org.condenser.driver.daq.internal.ncem;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = FourDCameraConfig.PID, name = "Condenser NCEM 4D Camera stream",
        description = "Raw 4D Camera frames pushed over ZeroMQ by its receiving servers (or an aggregator), as a frame "
                + "source. One factory configuration per stream.")
@interface FourDCameraConfig {

    String PID = "org.condenser.daq.fourdcamera";

    @AttributeDefinition(description = "Name of the frame source, unique in the runtime")
    String name();

    @AttributeDefinition(description = "Where the frames are pushed from, tcp://HOST:PORT")
    String endpoint();

    @AttributeDefinition(min = "1")
    int frameHeight() default 576;

    @AttributeDefinition(min = "1")
    int frameWidth() default 576;
}
