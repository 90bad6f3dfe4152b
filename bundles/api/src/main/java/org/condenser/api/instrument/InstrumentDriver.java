package org.condenser.api.instrument;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The driver SPI: what a vendor implements, in a bundle that depends on this API only, and
 * registers as an OSGi service. Only the runtime calls it; everyone else uses the
 * {@link Instrument} the runtime wraps around it.
 *
 * <h2>Lifecycle contract</h2>
 * <ul>
 * <li>Activation returns at once. Connecting, and any other slow work, happens on the driver's own
 * named executor; until it is done {@link #status()} says {@link StatusState#INITIALIZING}.</li>
 * <li>Anticipated faults (peer gone, wrong key, bad configuration) set a status with a detail; they
 * are not thrown out of lifecycle methods.</li>
 * <li>{@link #read} and {@link #write} may block while they talk to the instrument; the runtime calls
 * them with a timeout and one command at a time per instrument, so a driver need not serialise
 * them itself. They answer per record: one bad name or value does not fail the batch. They throw
 * only when the whole batch failed, for example because the connection was lost; the runtime
 * turns that into a status.</li>
 * <li>{@link #id()}, {@link #vendor()}, {@link #model()}, {@link #status()} and {@link #properties()}
 * return quickly and never block on the instrument.</li>
 * <li>Deactivation releases the connection and the executor; it may be followed by a new activation
 * of a newer version of the same driver (hot swap).</li>
 * </ul>
 */
@ConsumerType
public interface InstrumentDriver {

    /** Service property that every driver registers: the instrument id, unique in the runtime. */
    String INSTRUMENT_ID = "condenser.instrument.id";

    /** Unique id within the runtime, such as {@code sim-stem} or {@code nion-1}; stable across restarts. */
    String id();

    /** Maker, such as {@code Nion} or {@code Thermo Fisher Scientific}. */
    String vendor();

    /** Model, such as {@code UltraSTEM 100}; for a driver under test it may name the driver's version. */
    String model();

    /** The current status; never null, never blocks. */
    InstrumentStatus status();

    /** Every property the instrument exposes, standard names first; never blocks. */
    List<PropertyDescriptor> properties();

    /**
     * Reads the named properties.
     *
     * @return one result per name, in the order asked
     * @throws Exception only when the whole batch failed (for example, the connection was lost)
     */
    List<ReadResult> read(List<String> names) throws Exception;

    /**
     * Writes the given values. Values arrive already checked against the descriptors and the
     * safety envelope.
     *
     * @return one result per entry, in the map's iteration order
     * @throws Exception only when the whole batch failed
     */
    List<WriteResult> write(Map<String, Object> values) throws Exception;

    /**
     * The driver's implementations of a capability ({@link ScanController}, {@link Camera},
     * {@link Spectrometer}, {@link Stage}), primary first; empty when it has none. Never blocks.
     * The runtime wraps each before anyone else sees it.
     */
    default <T> List<T> capabilities(Class<T> type) {
        return List.of();
    }
}
