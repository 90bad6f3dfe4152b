package org.condenser.telemetry.pva.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The pvAccess server: {@code conf/org.condenser.telemetry.pva.cfg}. Every value has a working default. */
@ObjectClassDefinition(name = "Condenser EPICS pvAccess server")
@interface PvaConfig {

    String PID = "org.condenser.telemetry.pva";

    @AttributeDefinition(description = "First part of every PV name: PREFIX INSTRUMENT:PROPERTY, PREFIX PIPELINE:FIGURE, "
            + "PREFIX SOURCE:image")
    String prefix() default "CND:";

    @AttributeDefinition(description = "Interfaces to serve and answer searches on (EPICS_PVAS_INTF_ADDR_LIST); "
            + "127.0.0.1 keeps the PVs on this machine, 0.0.0.0 serves the facility network")
    String interfaces() default "127.0.0.1";

    @AttributeDefinition(description = "TCP port (EPICS_PVA_SERVER_PORT)")
    int serverPort() default 5075;

    @AttributeDefinition(description = "UDP search port (EPICS_PVAS_BROADCAST_PORT)")
    int broadcastPort() default 5076;

    @AttributeDefinition(description = "Seconds between samples of instrument properties and pipeline figures")
    double sampleSeconds() default 1;

    @AttributeDefinition(description = "Whether writable instrument properties take puts (each passes the safety envelope)")
    boolean writable() default true;
}
