package org.condenser.driver.broken.internal;

import java.util.List;
import java.util.Map;

import org.condenser.api.instrument.InstrumentDriver;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.WriteResult;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A driver that breaks its contract the worst way: its activation throws. The runtime must report
 * it, with the reason, and carry on with everything else.
 */
@Component(immediate = true, property = InstrumentDriver.INSTRUMENT_ID + "=broken")
public final class BrokenDriver implements InstrumentDriver {

    static final String FAULT = "detector control unit at 127.0.0.1:6341 refused the connection";

    @Activate
    public BrokenDriver() {
        throw new IllegalStateException(FAULT);
    }

    @Override
    public String id() {
        return "broken";
    }

    @Override
    public String vendor() {
        return "Condenser";
    }

    @Override
    public String model() {
        return "broken";
    }

    @Override
    public InstrumentStatus status() {
        return InstrumentStatus.unknown();
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return List.of();
    }

    @Override
    public List<ReadResult> read(List<String> names) {
        return List.of();
    }

    @Override
    public List<WriteResult> write(Map<String, Object> values) {
        return List.of();
    }
}
