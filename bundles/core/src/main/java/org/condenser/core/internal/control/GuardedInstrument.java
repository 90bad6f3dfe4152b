package org.condenser.core.internal.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentCommand;
import org.condenser.api.instrument.InstrumentDriver;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.Spectrometer;
import org.condenser.api.instrument.Stage;
import org.condenser.api.instrument.StatusDetail;
import org.condenser.api.instrument.WriteResult;
import org.condenser.api.telemetry.Alert;
import org.condenser.api.telemetry.Severity;

/**
 * The public {@link Instrument} around one driver: the only way anyone reaches a driver. It checks
 * every value against the property's descriptor and the safety envelope, runs commands one at a
 * time on the instrument's lane with a time limit, and answers faults as per-record results and
 * status instead of exceptions.
 */
final class GuardedInstrument implements Instrument, AutoCloseable {

    /** How long a guarded command may take, read at each command so a new configuration applies at once. */
    record Limits(Duration command, Duration acquisition) {
    }

    private final InstrumentDriver driver;
    private final String id;
    private final CommandLane lane;
    private final SafetyEnvelope envelope;
    private final Consumer<Alert> alerts;
    private final LongSupplier clock;
    private volatile Limits limits;
    private volatile DescriptorIndex descriptorIndex;
    /** Told of every write and its outcome, for the record (the provenance recorder listens). */
    private volatile Consumer<InstrumentCommand> commands = command -> { };

    GuardedInstrument(InstrumentDriver driver, String id, EnvelopeRules rules, Limits limits, Consumer<Alert> alerts) {
        this(driver, id, rules, limits, alerts, System::nanoTime);
    }

    /** @param clock nanoseconds for the envelope's rate rule; a test passes its own */
    GuardedInstrument(InstrumentDriver driver, String id, EnvelopeRules rules, Limits limits, Consumer<Alert> alerts,
            LongSupplier clock) {
        this.driver = driver;
        this.id = id;
        this.lane = new CommandLane(id, driver::status);
        this.clock = clock;
        this.envelope = new SafetyEnvelope(id, rules, clock.getAsLong());
        this.limits = limits;
        this.alerts = alerts;
    }

    void onCommand(Consumer<InstrumentCommand> listener) {
        this.commands = listener;
    }

    void setRules(EnvelopeRules rules) {
        envelope.setRules(rules);
    }

    EnvelopeRules rules() {
        return envelope.rules();
    }

    void setLimits(Limits limits) {
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    CommandLane lane() {
        return lane;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String vendor() {
        return safely(driver::vendor, "");
    }

    @Override
    public String model() {
        return safely(driver::model, "");
    }

    @Override
    public InstrumentStatus status() {
        InstrumentStatus reported;
        try {
            reported = driver.status();
        } catch (RuntimeException e) {
            return InstrumentStatus.error(StatusDetail.DRIVER_ERROR, id + ": the driver's status() threw " + e);
        }
        if (reported == null) {
            return InstrumentStatus.error(StatusDetail.DRIVER_ERROR, id + ": the driver reported no status");
        }
        InstrumentStatus fault = lane.fault();
        return fault != null && reported.isOnline() ? fault : reported;
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return safely(driver::properties, List.of());
    }

    @Override
    public List<ReadResult> read(List<String> names) {
        Map<String, PropertyDescriptor> known = descriptors();
        List<String> asked = new ArrayList<>();
        for (String name : names) {
            if (known.containsKey(name)) {
                asked.add(name);
            }
        }
        Map<String, ReadResult> answers = new LinkedHashMap<>();
        if (!asked.isEmpty()) {
            String what = "read " + String.join(", ", asked);
            try {
                List<ReadResult> results = lane.call(what, limits.command(), () -> driver.read(asked));
                if (results == null || results.size() != asked.size()) {
                    throw new InstrumentException(RecordStatus.FAILED, id + ": " + what + ": the driver answered "
                            + (results == null ? "nothing" : results.size() + " results for " + asked.size()));
                }
                for (int i = 0; i < asked.size(); i++) {
                    answers.put(asked.get(i), results.get(i));
                }
            } catch (InstrumentException e) {
                asked.forEach(name -> answers.put(name, ReadResult.failed(name, e.status(), e.getMessage())));
            }
        }
        List<ReadResult> results = new ArrayList<>(names.size());
        for (String name : names) {
            ReadResult answer = answers.get(name);
            results.add(answer != null ? answer
                    : ReadResult.failed(name, RecordStatus.UNKNOWN_PROPERTY, id + " has no property " + name));
        }
        return results;
    }

    @Override
    public List<WriteResult> write(Map<String, Object> values) {
        Map<String, Object> ordered = new LinkedHashMap<>(values);
        String what = "write " + String.join(", ", ordered.keySet());
        List<WriteResult> results;
        try {
            results = lane.call(what, limits.command(), () -> writeOnLane(ordered));
        } catch (InstrumentException e) {
            results = new ArrayList<>();
            for (Map.Entry<String, Object> entry : ordered.entrySet()) {
                results.add(WriteResult.failed(entry.getKey(), entry.getValue(), e.status(), e.getMessage()));
            }
        }
        try {
            Map<String, Object> requested = new LinkedHashMap<>();
            // a null asked for is recorded as such: the command record's map holds no nulls
            ordered.forEach((name, value) -> requested.put(name, value == null ? "null" : value));
            commands.accept(new InstrumentCommand(id, requested, results, Instant.now()));
        } catch (RuntimeException e) {
            // the record of a command never stands in the way of its answer
        }
        return results;
    }

    /** Checks every value, then writes those that passed in one batch; runs on the lane. */
    private List<WriteResult> writeOnLane(Map<String, Object> values) throws Exception {
        Map<String, PropertyDescriptor> known = descriptors();
        Map<String, WriteResult> answers = new LinkedHashMap<>();
        Map<String, Object> candidates = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            String name = entry.getKey();
            PropertyDescriptor descriptor = known.get(name);
            if (descriptor == null) {
                answers.put(name, WriteResult.failed(name, entry.getValue(), RecordStatus.UNKNOWN_PROPERTY,
                        id + " has no property " + name));
                continue;
            }
            ValueCheck.Outcome outcome = ValueCheck.check(id, descriptor, entry.getValue());
            if (!outcome.ok()) {
                answers.put(name, outcome.failure());
            } else {
                candidates.put(name, outcome.value());
            }
        }
        Map<String, Object> current = currentValues(candidates.keySet(), known);
        Map<String, Object> accepted = new LinkedHashMap<>();
        long now = clock.getAsLong();
        for (Map.Entry<String, Object> entry : candidates.entrySet()) {
            String name = entry.getKey();
            String refusal = envelope.refusal(name, known.get(name).ruleName(), entry.getValue(), current.get(name), now);
            if (refusal != null) {
                answers.put(name, WriteResult.failed(name, values.get(name), RecordStatus.REFUSED, refusal));
                alerts.accept(new Alert("instrument/" + id, Severity.WARNING, refusal, Instant.now()));
            } else {
                accepted.put(name, entry.getValue());
            }
        }
        if (!accepted.isEmpty()) {
            List<WriteResult> written = driver.write(accepted);
            List<String> names = new ArrayList<>(accepted.keySet());
            if (written == null || written.size() != names.size()) {
                throw new IllegalStateException("the driver answered " + (written == null ? "nothing"
                        : written.size() + " results") + " for " + names.size() + " values");
            }
            long at = clock.getAsLong();
            for (int i = 0; i < names.size(); i++) {
                WriteResult result = written.get(i);
                answers.put(names.get(i), result);
                if (result.isOk()) {
                    envelope.accepted(known.get(names.get(i)).ruleName(), accepted.get(names.get(i)), at);
                }
            }
        }
        List<WriteResult> results = new ArrayList<>(values.size());
        values.keySet().forEach(name -> results.add(answers.get(name)));
        return results;
    }

    /** Reads the current values the envelope needs for step and rate rules; runs on the lane. */
    private Map<String, Object> currentValues(Iterable<String> names, Map<String, PropertyDescriptor> known)
            throws Exception {
        List<String> needed = new ArrayList<>();
        for (String name : names) {
            if (envelope.needsCurrentValue(known.get(name).ruleName())) {
                needed.add(name);
            }
        }
        Map<String, Object> current = new LinkedHashMap<>();
        if (!needed.isEmpty()) {
            List<ReadResult> read = driver.read(needed);
            for (int i = 0; i < Math.min(read.size(), needed.size()); i++) {
                if (read.get(i).isOk()) {
                    current.put(needed.get(i), read.get(i).value());
                }
            }
        }
        return current;
    }

    /**
     * Lets a capability's command through the envelope for one standard property, or throws the
     * refusal; runs on the lane. The property's own range applies when the instrument has it.
     */
    void admit(String standardName, Object value, boolean checkChange) throws Exception {
        PropertyDescriptor descriptor = descriptors().get(standardName);
        String outside = descriptor == null ? null : ValueCheck.outsideRange(id, descriptor, value);
        if (outside != null) {
            throw new InstrumentException(RecordStatus.OUT_OF_RANGE, outside);
        }
        Object current = null;
        if (checkChange && descriptor != null && envelope.needsCurrentValue(standardName)) {
            List<ReadResult> read = driver.read(List.of(standardName));
            current = read.size() == 1 && read.get(0).isOk() ? read.get(0).value() : null;
        }
        String refusal = checkChange ? envelope.refusal(standardName, standardName, value, current, clock.getAsLong())
                : envelope.placeRefusal(standardName, standardName, value);
        if (refusal != null) {
            alerts.accept(new Alert("instrument/" + id, Severity.WARNING, refusal, Instant.now()));
            throw new InstrumentException(RecordStatus.REFUSED, refusal);
        }
    }

    /** Records a value a capability's command set, as the reference for step and rate rules. */
    void admitted(String standardName, Object value) {
        envelope.accepted(standardName, value, clock.getAsLong());
    }

    @Override
    public <T> List<T> capabilities(Class<T> type) {
        List<T> found = safely(() -> driver.capabilities(type), List.<T>of());
        List<T> guarded = new ArrayList<>(found.size());
        for (T capability : found) {
            Object wrapper;
            if (type == ScanController.class) {
                wrapper = new GuardedScanController(this, (ScanController) capability);
            } else if (type == Camera.class) {
                wrapper = new GuardedCamera(this, (Camera) capability);
            } else if (type == Spectrometer.class) {
                wrapper = new GuardedSpectrometer(this, (Spectrometer) capability);
            } else if (type == Stage.class) {
                wrapper = new GuardedStage(this, (Stage) capability);
            } else {
                // Nothing reaches a driver unguarded: a capability the runtime cannot guard is not handed out.
                continue;
            }
            guarded.add(type.cast(wrapper));
        }
        return guarded;
    }

    /** The driver's descriptors by name; rebuilt only when the driver hands out a different list. */
    private Map<String, PropertyDescriptor> descriptors() {
        List<PropertyDescriptor> current = properties();
        DescriptorIndex index = descriptorIndex;
        if (index == null || index.source() != current) {
            Map<String, PropertyDescriptor> byName = new LinkedHashMap<>();
            for (PropertyDescriptor descriptor : current) {
                byName.put(descriptor.name(), descriptor);
            }
            index = new DescriptorIndex(current, byName);
            descriptorIndex = index;
        }
        return index.byName();
    }

    private record DescriptorIndex(List<PropertyDescriptor> source, Map<String, PropertyDescriptor> byName) {
    }

    private <T> T safely(java.util.function.Supplier<T> call, T fallback) {
        try {
            T value = call.get();
            return value == null ? fallback : value;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        lane.close();
    }
}
