package org.condenser.itests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.condenser.api.instrument.InstrumentDriver;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * A consumer of the sample driver as the runtime's own consumers hold drivers: a dynamic, greedy
 * reference that follows the best driver as drivers come and go, without restarting its owner.
 */
@Component(service = DriverWatcher.class, immediate = true)
public final class DriverWatcher {

    private final List<String> bound = new CopyOnWriteArrayList<>();
    private volatile InstrumentDriver current;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + InstrumentDriver.INSTRUMENT_ID + "=sample)")
    void bind(InstrumentDriver driver) {
        current = driver;
        bound.add(driver.model());
    }

    void unbind(InstrumentDriver driver) {
        if (current == driver) {
            current = null;
        }
    }

    /** The model of the driver held now, or null. */
    String currentModel() {
        InstrumentDriver driver = current;
        return driver == null ? null : driver.model();
    }

    /** Every model bound so far, in order, with repeats of the same model collapsed. */
    List<String> boundModels() {
        List<String> distinct = new java.util.ArrayList<>();
        for (String model : bound) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(model)) {
                distinct.add(model);
            }
        }
        return distinct;
    }
}
