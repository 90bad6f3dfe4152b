package org.condenser.api.telemetry;

/**
 * How MQTT telemetry is configured, for the bundles that look at it from outside: the embedded
 * broker starts only when no external broker is configured, and configures telemetry to itself.
 */
public final class MqttTelemetryConfigurations {

    /** The factory PID of a telemetry connection: one configuration per broker. */
    public static final String FACTORY_PID = "org.condenser.telemetry.mqtt";

    /**
     * A property set to {@code true} on a configuration the embedded broker made for itself; any
     * other configuration of {@link #FACTORY_PID} names an external broker.
     */
    public static final String EMBEDDED = "condenser.embedded";

    private MqttTelemetryConfigurations() {
    }
}
