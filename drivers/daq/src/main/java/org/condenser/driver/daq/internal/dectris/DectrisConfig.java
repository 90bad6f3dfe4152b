package org.condenser.driver.daq.internal.dectris;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = DectrisConfig.PID, name = "Condenser DECTRIS SIMPLON detector",
        description = "A DECTRIS detector (ARINA, QUADRO, EIGER) as a frame source: its stream v2 received over "
                + "ZeroMQ, and, when Condenser controls it, configured, armed, triggered and disarmed over REST. "
                + "One factory configuration per detector.")
@interface DectrisConfig {

    String PID = "org.condenser.daq.dectris";

    @AttributeDefinition(description = "Name of the frame source, unique in the runtime")
    String name();

    @AttributeDefinition(description = "The detector control unit's REST address, http://HOST:PORT")
    String api() default "http://127.0.0.1:80";

    @AttributeDefinition(description = "The unit's stream address, tcp://HOST:31001")
    String stream() default "tcp://127.0.0.1:31001";

    @AttributeDefinition(description = "Whether Condenser configures, arms, triggers and disarms the detector "
            + "(false: it only listens, and another program drives the detector)")
    boolean control() default true;

    @AttributeDefinition(description = "Scan height the frames fill in order (the scan engine's, not the detector's); "
            + "0 when the frames are not a scan", min = "0")
    int scanHeight() default 0;

    @AttributeDefinition(description = "Scan width", min = "0")
    int scanWidth() default 0;

    @AttributeDefinition(description = "Images per series when not a scan", min = "1")
    int images() default 1;

    @AttributeDefinition(description = "Exposure per frame, s")
    double countTime() default 0.001;

    @AttributeDefinition(description = "bslz4, lz4 or none")
    String compression() default "bslz4";

    @AttributeDefinition(description = "Seconds to wait for a series' images", min = "1")
    int seriesTimeoutSeconds() default 600;

    @AttributeDefinition(description = "Seconds to wait for one REST call", min = "1")
    int requestTimeoutSeconds() default 10;
}
