package org.condenser.experiment.internal;

import org.condenser.api.experiment.Candidates;
import org.condenser.api.experiment.Policy;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A Gaussian-process policy choosing by upper confidence bound. Its default kappa of 3 leans to
 * exploring: the aim is usually the whole map, not only its peak.
 */
@Component(property = Policy.NAME + "=gp-ucb", configurationPid = GaussianProcessConfig.UCB_PID)
@Designate(ocd = GaussianProcessConfig.class)
public final class GpUcbPolicy implements Policy {

    static final double DEFAULT_KAPPA = 3;

    private final GaussianProcessConfig config;

    @Activate
    public GpUcbPolicy(GaussianProcessConfig config) {
        this.config = config;
    }

    @Override
    public Session open(Candidates candidates, long seed) {
        double kappa = config.parameter() < 0 ? DEFAULT_KAPPA : config.parameter();
        return new GaussianProcessSession(candidates, seed, Acquisition.UCB, kappa, config.initial());
    }
}
