package org.condenser.experiment.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Condenser Gaussian-process policies",
        description = "The gp-ucb and gp-ei policies: how far they explore, and how many random points start the model")
@interface GaussianProcessConfig {

    String UCB_PID = "org.condenser.experiment.gp.ucb";
    String EI_PID = "org.condenser.experiment.gp.ei";

    @AttributeDefinition(description = "gp-ucb: kappa, the weight of the uncertainty (standard deviations); "
            + "gp-ei: xi, the improvement ignored (standardised units)", min = "0", max = "100")
    double parameter() default -1;

    @AttributeDefinition(description = "Random points measured before the model chooses", min = "1", max = "1000")
    int initial() default 5;
}
