package org.condenser.broker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The embedded broker: {@code conf/org.condenser.broker.cfg}. Every value has a working default. */
@ObjectClassDefinition(name = "Condenser embedded MQTT broker")
@interface BrokerConfig {

    String PID = "org.condenser.broker";

    @AttributeDefinition(description = "auto: run when no external broker is configured for telemetry; "
            + "on: always run; off: never", options = { @Option(value = "auto"), @Option(value = "on"),
                    @Option(value = "off") })
    String mode() default "auto";

    @AttributeDefinition(description = "Address to listen on (0.0.0.0: every interface)")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "MQTT port (TCP)")
    int port() default 1883;

    @AttributeDefinition(description = "MQTT over websockets port; 0: none")
    int websocketPort() default 9001;

    @AttributeDefinition(description = "Path of the websockets endpoint")
    String websocketPath() default "/mqtt";

    @AttributeDefinition(description = "Largest MQTT message accepted, bytes")
    int maxMessageBytes() default 1_048_576;

    @AttributeDefinition(description = "Messages queued per client session before the broker drops them")
    int sessionQueueSize() default 1024;
}
