package org.condenser.api.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The public face of one instrument, provided by the runtime around each {@link InstrumentDriver}.
 * This is what the shell, remote clients, flows and experiments use.
 *
 * <h2>Contract</h2>
 * <ul>
 * <li>No method throws because of the instrument or its driver: faults come back as a per-record
 * status, and as the instrument's {@link #status()}.</li>
 * <li>{@link #read} and {@link #write} block for at most the runtime's command timeout. Commands to
 * one instrument run one at a time, in the order they arrive.</li>
 * <li>Every write passes the safety envelope first; a refused value answers
 * {@link RecordStatus#REFUSED} with a message naming the property, the value and the rule.</li>
 * </ul>
 */
@ProviderType
public interface Instrument {

    String id();

    String vendor();

    String model();

    InstrumentStatus status();

    List<PropertyDescriptor> properties();

    /** Reads the named properties; one result per name, in order. */
    List<ReadResult> read(List<String> names);

    /**
     * Reads every property that is not an alias of another, in one read, each with its descriptor:
     * what telemetry, dashboards and the state recorder sample.
     */
    default List<PropertyReading> readAll() {
        List<PropertyDescriptor> descriptors = properties().stream().filter(d -> !d.isAlias()).toList();
        List<ReadResult> results = read(descriptors.stream().map(PropertyDescriptor::name).toList());
        List<PropertyReading> readings = new ArrayList<>();
        for (int i = 0; i < descriptors.size() && i < results.size(); i++) {
            readings.add(new PropertyReading(descriptors.get(i), results.get(i)));
        }
        return readings;
    }

    /** Writes the given values through the safety envelope; one result per entry, in order. */
    List<WriteResult> write(Map<String, Object> values);

    /**
     * Guarded copies of the driver's implementations of a capability ({@link ScanController},
     * {@link Camera}, {@link Spectrometer}, {@link Stage}), primary first. Their methods throw
     * {@link InstrumentException} for every fault, refusals included.
     */
    <T> List<T> capabilities(Class<T> type);

    /** The primary implementation of a capability, if the instrument has one. */
    default <T> Optional<T> capability(Class<T> type) {
        List<T> all = capabilities(type);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }
}
