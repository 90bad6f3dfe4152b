package org.condenser.provenance.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The state recorder: {@code conf/org.condenser.provenance.recorder.cfg}. Every value has a working default. */
@ObjectClassDefinition(name = "Condenser state recorder")
@interface RecorderConfig {

    String PID = "org.condenser.provenance.recorder";

    @AttributeDefinition(description = "Seconds between samples of every instrument's properties")
    double sampleSeconds() default 1;

    @AttributeDefinition(description = "Seconds after which an unchanged value is recorded again, so any range "
            + "finds the state at its start")
    double heartbeatSeconds() default 60;

    @AttributeDefinition(description = "The store's folder, relative to the runtime's home unless absolute")
    String folder() default "data/provenance";

    @AttributeDefinition(description = "Most the store keeps, MiB; the oldest segments go first, counted")
    int maxMegabytes() default 256;

    @AttributeDefinition(description = "Size of one segment file, MiB")
    int segmentMegabytes() default 8;

    @AttributeDefinition(description = "Commands and alerts held between samples; beyond it they are dropped, counted")
    int eventQueue() default 10_000;
}
