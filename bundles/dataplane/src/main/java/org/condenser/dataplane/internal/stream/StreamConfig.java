package org.condenser.dataplane.internal.stream;

import org.condenser.api.data.DropPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = StreamConfig.PID, name = "Condenser live streams",
        description = "How cnd:stream runs a frame source into a pipeline that reduces each series to a virtual image")
@interface StreamConfig {

    String PID = "org.condenser.stream";

    @AttributeDefinition(description = "Virtual detector: bf[:OUTER], adf[:INNER[:OUTER]], annular:INNER:OUTER or sum; "
            + "radii are fractions of half the frame's smaller edge")
    String reduction() default "adf";

    @AttributeDefinition(description = "Frame memory per stream, MiB (frames beyond it wait, then count as dropped)",
            min = "1")
    int memoryMegabytes() default 256;

    @AttributeDefinition(description = "Threads reducing frames", min = "1")
    int threads() default 2;

    @AttributeDefinition(description = "Frames waiting for the reduce stage, at most", min = "1")
    int queue() default 64;

    @AttributeDefinition(description = "What the reduce stage's queue does when full")
    DropPolicy policy() default DropPolicy.BLOCK;

    @AttributeDefinition(description = "Fan-out workers' endpoints, comma separated (empty: reduce here)")
    String workers() default "";

    @AttributeDefinition(description = "Where this node listens for the workers' partial results")
    String results() default "tcp://127.0.0.1:*";

    @AttributeDefinition(description = "Folder for the virtual images (EMD), relative to the runtime's home")
    String output() default "data/stream";
}
