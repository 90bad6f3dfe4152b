package org.condenser.driver.sample.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.instrument.InstrumentDriver;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ValueType;
import org.condenser.api.instrument.WriteResult;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;

/**
 * The smallest honest driver: one writable property held in memory. Its model names the bundle
 * version it was loaded from, so a consumer can tell version 1 from version 2 after a hot swap.
 */
@Component(immediate = true, property = InstrumentDriver.INSTRUMENT_ID + "=sample")
public final class SampleDriver implements InstrumentDriver {

    private final String version = FrameworkUtil.getBundle(SampleDriver.class).getVersion().toString();
    private final Map<String, Object> values = new LinkedHashMap<>(Map.of(PropertyNames.DEFOCUS, 0.0));
    private final List<PropertyDescriptor> properties = List.of(new PropertyDescriptor(PropertyNames.DEFOCUS, "m",
            ValueType.DOUBLE, -1e-6, 1e-6, true, "defocus"));

    @Override
    public String id() {
        return "sample";
    }

    @Override
    public String vendor() {
        return "Condenser";
    }

    @Override
    public String model() {
        return "sample driver " + version;
    }

    @Override
    public InstrumentStatus status() {
        return InstrumentStatus.online();
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return properties;
    }

    @Override
    public synchronized List<ReadResult> read(List<String> names) {
        List<ReadResult> results = new ArrayList<>(names.size());
        for (String name : names) {
            results.add(values.containsKey(name) ? ReadResult.ok(name, values.get(name))
                    : ReadResult.failed(name, RecordStatus.UNKNOWN_PROPERTY, "sample has no property " + name));
        }
        return results;
    }

    @Override
    public synchronized List<WriteResult> write(Map<String, Object> requested) {
        List<WriteResult> results = new ArrayList<>(requested.size());
        requested.forEach((name, value) -> {
            if (!values.containsKey(name)) {
                results.add(WriteResult.failed(name, value, RecordStatus.UNKNOWN_PROPERTY,
                        "sample has no property " + name));
            } else {
                values.put(name, value);
                results.add(WriteResult.ok(name, value));
            }
        });
        return results;
    }
}
