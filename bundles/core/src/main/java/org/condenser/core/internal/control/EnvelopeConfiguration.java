package org.condenser.core.internal.control;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One instrument's envelope configuration, read from Configuration Admin. A configuration that
 * cannot be read yields an envelope that refuses every write, with the reason; it never yields none.
 */
@Component(service = EnvelopeConfiguration.class, configurationPid = EnvelopeConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EnvelopeConfig.class, factory = true)
public final class EnvelopeConfiguration {

    private final Logger log;
    private volatile String instrument;
    private volatile EnvelopeRules rules;

    @Activate
    public EnvelopeConfiguration(EnvelopeConfig config,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
        modified(config);
    }

    /**
     * Applied in place, so the registry never sees a moment without these rules while they change
     * (it is told through the service's properties, which follow the configuration).
     */
    @Modified
    void modified(EnvelopeConfig config) {
        EnvelopeRules parsed;
        try {
            parsed = EnvelopeRules.parse(config.forbidden(), config.limits(), config.maxStep(), config.maxRate());
        } catch (IllegalArgumentException e) {
            parsed = EnvelopeRules.broken("envelope configuration for " + config.instrument() + " is invalid ("
                    + e.getMessage() + "); every write is refused until it is fixed");
            log.error(parsed.configurationError());
        }
        this.rules = parsed;
        this.instrument = config.instrument() == null ? "" : config.instrument().trim();
        if (instrument.isEmpty()) {
            log.error("an envelope configuration names no instrument; it applies to none");
        }
    }

    String instrument() {
        return instrument;
    }

    EnvelopeRules rules() {
        return rules;
    }
}
