package org.condenser.dataplane.internal.stream;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = StreamWorkerConfig.PID, name = "Condenser stream worker",
        description = "Makes this runtime a fan-out worker: it takes the frames a receiving node sends it, runs the "
                + "same reduction on them and sends its partial result back. One factory configuration per listening "
                + "endpoint.")
@interface StreamWorkerConfig {

    String PID = "org.condenser.stream.worker";

    @AttributeDefinition(description = "Name of this worker, as the receiving node reports it")
    String name();

    @AttributeDefinition(description = "Where to listen for frames, tcp://HOST:PORT")
    String listen();

    @AttributeDefinition(description = "Frame memory, MiB", min = "1")
    int memoryMegabytes() default 256;

    @AttributeDefinition(description = "Threads reducing frames", min = "1")
    int threads() default 2;

    @AttributeDefinition(description = "Frames waiting to be reduced, at most", min = "1")
    int queue() default 64;
}
