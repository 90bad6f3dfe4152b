package org.condenser.core.internal.control;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentCommand;
import org.condenser.api.instrument.InstrumentDriver;
import org.condenser.api.telemetry.Alert;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Wraps every registered {@link InstrumentDriver} in a {@link GuardedInstrument} and registers that
 * as the public {@link Instrument} service; drivers come and go (hot swap) and their instruments
 * with them. Applies each instrument's envelope configuration, and publishes refusals as alerts on
 * Event Admin.
 */
@Component(service = InstrumentRegistry.class, immediate = true, configurationPid = InstrumentsConfig.PID)
@Designate(ocd = InstrumentsConfig.class)
public final class InstrumentRegistry {

    /** Event Admin topic of envelope refusals. */
    static final String REFUSAL_TOPIC = Alert.TOPIC_PREFIX + "envelope";

    private record Registered(GuardedInstrument instrument, ServiceRegistration<Instrument> registration) {
    }

    private final BundleContext context;
    private final Logger log;
    private final Map<InstrumentDriver, Registered> registered = new ConcurrentHashMap<>();
    private final List<EnvelopeConfiguration> envelopes = new CopyOnWriteArrayList<>();
    private volatile GuardedInstrument.Limits limits;
    private volatile boolean active = true;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    @Activate
    public InstrumentRegistry(BundleContext context, InstrumentsConfig config,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.log = log;
        this.limits = limits(config);
    }

    @Modified
    void modified(InstrumentsConfig config) {
        limits = limits(config);
        registered.values().forEach(r -> r.instrument().setLimits(limits));
    }

    private static GuardedInstrument.Limits limits(InstrumentsConfig config) {
        return new GuardedInstrument.Limits(Duration.ofMillis(Math.max(10, (long) (config.commandTimeout() * 1000))),
                Duration.ofMillis(Math.max(10, (long) (config.acquisitionTimeout() * 1000))));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindDriver(InstrumentDriver driver) {
        if (!active) {
            return;
        }
        String id;
        try {
            id = driver.id();
        } catch (RuntimeException e) {
            log.error("a driver ({}) failed to say its id; it is not registered: {}", driver.getClass().getName(), e);
            return;
        }
        if (id == null || id.isBlank()) {
            log.error("a driver ({}) has no id; it is not registered", driver.getClass().getName());
            return;
        }
        for (Registered other : registered.values()) {
            if (other.instrument().id().equals(id)) {
                log.error("two drivers claim instrument id {}; the second ({}) is not registered", id,
                        driver.getClass().getName());
                return;
            }
        }
        GuardedInstrument instrument = new GuardedInstrument(driver, id, rulesFor(id), limits, this::publish);
        instrument.onCommand(this::record);
        Dictionary<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put(InstrumentDriver.INSTRUMENT_ID, id);
        ServiceRegistration<Instrument> registration = context.registerService(Instrument.class, instrument,
                serviceProperties);
        registered.put(driver, new Registered(instrument, registration));
        log.info("instrument {} ({} {}) is guarded and registered", id, instrument.vendor(), instrument.model());
    }

    synchronized void unbindDriver(InstrumentDriver driver) {
        Registered gone = registered.remove(driver);
        if (gone != null) {
            unregister(gone);
            log.info("instrument {} is gone", gone.instrument().id());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindEnvelope(EnvelopeConfiguration envelope) {
        envelopes.add(envelope);
        applyEnvelopes();
    }

    void updatedEnvelope(EnvelopeConfiguration envelope) {
        applyEnvelopes();
    }

    void unbindEnvelope(EnvelopeConfiguration envelope) {
        envelopes.remove(envelope);
        applyEnvelopes();
    }

    private void applyEnvelopes() {
        registered.values().forEach(r -> r.instrument().setRules(rulesFor(r.instrument().id())));
    }

    private EnvelopeRules rulesFor(String instrument) {
        EnvelopeRules found = null;
        for (EnvelopeConfiguration envelope : envelopes) {
            if (envelope.instrument().equals(instrument)) {
                if (found != null) {
                    log.error("more than one envelope configuration for {}; every write is refused", instrument);
                    return EnvelopeRules.broken("more than one envelope configuration names " + instrument
                            + "; every write is refused until one is removed");
                }
                found = envelope.rules();
            }
        }
        return found != null ? found : EnvelopeRules.DEFAULT;
    }

    private void publish(Alert alert) {
        log.warn(alert.message());
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(REFUSAL_TOPIC, alert.eventProperties()));
        }
    }

    /** Every write and its outcome, for the provenance record. */
    private void record(InstrumentCommand command) {
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(InstrumentCommand.TOPIC, Map.of(InstrumentCommand.EVENT_PROPERTY, command,
                    "instrument", command.instrument())));
        }
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        registered.values().forEach(this::unregister);
        registered.clear();
    }

    private void unregister(Registered gone) {
        try {
            gone.registration().unregister();
        } catch (IllegalStateException alreadyGone) {
            // The framework is stopping and took the registration with it.
        }
        gone.instrument().close();
    }
}
