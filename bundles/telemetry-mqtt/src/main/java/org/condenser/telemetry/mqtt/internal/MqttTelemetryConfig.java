package org.condenser.telemetry.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One broker to publish telemetry to and take commands from: {@code conf/org.condenser.telemetry.mqtt-NAME.cfg}. */
@ObjectClassDefinition(name = "Condenser MQTT telemetry", description = "One connection per broker")
@interface MqttTelemetryConfig {

    String PID = org.condenser.api.telemetry.MqttTelemetryConfigurations.FACTORY_PID;

    @AttributeDefinition(description = "Broker: tcp://HOST:1883, ssl://HOST:8883, ws://HOST:PORT/mqtt or wss://")
    String url() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(description = "User name at the broker (empty: none)")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password at the broker")
    String password() default "";

    @AttributeDefinition(description = "This runtime's name in topics (empty: the host name)")
    String node() default "";

    @AttributeDefinition(description = "First level of every topic")
    String topicPrefix() default "condenser";

    @AttributeDefinition(description = "Messages held while the broker is unreachable; the oldest go first, counted")
    int bufferSize() default 10_000;

    @AttributeDefinition(description = "Seconds between node, instrument and pipeline status messages")
    double statusSeconds() default 5;

    @AttributeDefinition(description = "Seconds between samples of instrument properties (published when changed)")
    double sampleSeconds() default 1;

    @AttributeDefinition(description = "Whether remote commands are taken")
    boolean commands() default true;

    @AttributeDefinition(description = "Largest command accepted, bytes")
    int maxCommandBytes() default 65_536;

    @AttributeDefinition(description = "Trust store (PKCS12 or JKS) for ssl:// and wss:// brokers; empty: Java's own")
    String trustStore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Trust store password")
    String trustStorePassword() default "";
}
