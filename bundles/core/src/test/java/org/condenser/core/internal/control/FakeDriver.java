package org.condenser.core.internal.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.condenser.api.instrument.InstrumentDriver;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ValueType;
import org.condenser.api.instrument.WriteResult;

/** A driver held in memory, which can be told to hang, to lose its connection, and to count overlapping calls. */
class FakeDriver implements InstrumentDriver {

    final Map<String, Object> values = new LinkedHashMap<>();
    final List<Map<String, Object>> writes = new ArrayList<>();
    volatile CountDownLatch hang;
    volatile boolean connectionLost;
    final AtomicInteger inside = new AtomicInteger();
    final AtomicInteger mostInside = new AtomicInteger();

    FakeDriver() {
        values.put(PropertyNames.HIGH_TENSION, 100_000.0);
        values.put(PropertyNames.DEFOCUS, 0.0);
        values.put("fake:EHT", 100_000.0);
        values.put(PropertyNames.PROBE_POSITION, List.of(0.5, 0.5));
        values.put(PropertyNames.COLUMN_VACUUM, 1e-6);
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String vendor() {
        return "Test";
    }

    @Override
    public String model() {
        return "fake";
    }

    @Override
    public InstrumentStatus status() {
        return InstrumentStatus.online();
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return List.of(new PropertyDescriptor(PropertyNames.HIGH_TENSION, "V", ValueType.DOUBLE, 0, 300e3, true, ""),
                new PropertyDescriptor(PropertyNames.DEFOCUS, "m", ValueType.DOUBLE, -1e-5, 1e-5, true, ""),
                new PropertyDescriptor("fake:EHT", "V", ValueType.DOUBLE, 0, 300e3, true, "", PropertyNames.HIGH_TENSION),
                new PropertyDescriptor(PropertyNames.PROBE_POSITION, "", ValueType.VECTOR, 0, 1, true, ""),
                PropertyDescriptor.readOnly(PropertyNames.COLUMN_VACUUM, "Pa", ValueType.DOUBLE, ""));
    }

    @Override
    public List<ReadResult> read(List<String> names) throws Exception {
        enter();
        try {
            List<ReadResult> results = new ArrayList<>();
            for (String name : names) {
                results.add(values.containsKey(name) ? ReadResult.ok(name, values.get(name))
                        : ReadResult.failed(name, RecordStatus.UNKNOWN_PROPERTY, name));
            }
            return results;
        } finally {
            inside.decrementAndGet();
        }
    }

    @Override
    public List<WriteResult> write(Map<String, Object> requested) throws Exception {
        enter();
        try {
            writes.add(new LinkedHashMap<>(requested));
            List<WriteResult> results = new ArrayList<>();
            requested.forEach((name, value) -> {
                values.put(name, value);
                results.add(WriteResult.ok(name, value));
            });
            return results;
        } finally {
            inside.decrementAndGet();
        }
    }

    private void enter() throws Exception {
        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
        if (connectionLost) {
            throw new IOException("connection reset by peer");
        }
        CountDownLatch latch = hang;
        if (latch != null) {
            latch.await();
        }
    }
}
