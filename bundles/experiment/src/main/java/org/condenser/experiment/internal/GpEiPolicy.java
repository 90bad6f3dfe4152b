package org.condenser.experiment.internal;

import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Policy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/** A Gaussian-process policy choosing by expected improvement: finds where the scalar is largest. */
@Component(property = Policy.NAME + "=gp-ei", configurationPid = GaussianProcessConfig.EI_PID)
@Designate(ocd = GaussianProcessConfig.class)
public final class GpEiPolicy implements Policy {

    static final double DEFAULT_XI = 0.01;

    private final GaussianProcessConfig config;

    @Activate
    public GpEiPolicy(GaussianProcessConfig config) {
        this.config = config;
    }

    @Override
    public Session open(Candidates candidates, long seed) {
        double xi = config.parameter() < 0 ? DEFAULT_XI : config.parameter();
        return new GaussianProcessSession(candidates, seed, Acquisition.EI, xi, config.initial());
    }
}
