package org.condenser.driver.sim.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SimConfig.PID, name = "Condenser simulated STEM",
        description = "The digital twin: its specimen, beam and drift. The same seed gives the same specimen.")
@interface SimConfig {

    String PID = "org.condenser.driver.sim";

    @AttributeDefinition(description = "Instrument id")
    String id() default "sim-stem";

    @AttributeDefinition(description = "Seed of the specimen and of the noise")
    long seed() default 42;

    @AttributeDefinition(description = "Edge of the square specimen area, m", min = "1e-9", max = "1e-6")
    double specimenSize() default 64e-9;

    @AttributeDefinition(description = "Lattice constant of the honeycomb host, m", min = "1e-10", max = "1e-9")
    double latticeConstant() default 0.246e-9;

    @AttributeDefinition(description = "Fraction of lattice sites left empty", min = "0", max = "0.5")
    double vacancyFraction() default 0.01;

    @AttributeDefinition(description = "Fraction of sites taken by silicon", min = "0", max = "0.5")
    double siliconFraction() default 0.004;

    @AttributeDefinition(description = "Fraction of sites taken by nitrogen", min = "0", max = "0.5")
    double nitrogenFraction() default 0.01;

    @AttributeDefinition(description = "High tension, V")
    double highTension() default 60000;

    @AttributeDefinition(description = "Probe current, A")
    double beamCurrent() default 30e-12;

    @AttributeDefinition(description = "Specimen drift along x, m/s")
    double driftX() default 20e-12;

    @AttributeDefinition(description = "Specimen drift along y, m/s")
    double driftY() default -10e-12;

    @AttributeDefinition(description = "Fraction of beam electrons a HAADF detector counts per carbon column")
    double haadfEfficiency() default 0.01;
}
