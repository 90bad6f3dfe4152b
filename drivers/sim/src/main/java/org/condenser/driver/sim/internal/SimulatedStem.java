package org.condenser.driver.sim.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.InstrumentDriver;
import org.condenser.api.instrument.InstrumentStatus;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.api.instrument.Spectrometer;
import org.condenser.api.instrument.Stage;
import org.condenser.api.instrument.StatusDetail;
import org.condenser.api.instrument.ValueType;
import org.condenser.api.instrument.WriteResult;
import org.condenser.api.provenance.StateSample;
import org.condenser.api.provenance.TwinReplay;
import org.condenser.driver.sim.Atom;
import org.condenser.driver.sim.GroundTruth;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The simulated STEM: the demo's instrument and the digital twin. Builds its specimen from the
 * configured seed on its own thread (activation returns at once), then answers like a STEM with a
 * scan, a ronchigram camera, an EELS spectrometer and a stage; and tells its ground truth to anyone
 * who asks for the {@link GroundTruth} service.
 */
@Component(service = { InstrumentDriver.class, GroundTruth.class, TwinReplay.class }, immediate = true,
        configurationPid = SimConfig.PID, property = InstrumentDriver.INSTRUMENT_ID + "=sim-stem")
@Designate(ocd = SimConfig.class)
public final class SimulatedStem implements InstrumentDriver, GroundTruth, TwinReplay {

    /** Swift's name for defocus, offered as a native alias of it. */
    private static final String C10 = "sim:C10";

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            new PropertyDescriptor(PropertyNames.HIGH_TENSION, "V", ValueType.DOUBLE, 40e3, 100e3, true,
                    "accelerating voltage"),
            new PropertyDescriptor(PropertyNames.DEFOCUS, "m", ValueType.DOUBLE, -2e-6, 2e-6, true, "defocus (C10)"),
            new PropertyDescriptor(C10, "m", ValueType.DOUBLE, -2e-6, 2e-6, true, "C10, as Swift names defocus",
                    PropertyNames.DEFOCUS),
            new PropertyDescriptor("sim:C12.x", "m", ValueType.DOUBLE, -1e-6, 1e-6, true, "two-fold astigmatism, x"),
            new PropertyDescriptor("sim:C12.y", "m", ValueType.DOUBLE, -1e-6, 1e-6, true, "two-fold astigmatism, y"),
            new PropertyDescriptor(PropertyNames.STAGE_X, "m", ValueType.DOUBLE, SimStage.LOWER.x(), SimStage.UPPER.x(),
                    true, "stage x"),
            new PropertyDescriptor(PropertyNames.STAGE_Y, "m", ValueType.DOUBLE, SimStage.LOWER.y(), SimStage.UPPER.y(),
                    true, "stage y"),
            new PropertyDescriptor(PropertyNames.STAGE_Z, "m", ValueType.DOUBLE, SimStage.LOWER.z(), SimStage.UPPER.z(),
                    true, "stage height"),
            new PropertyDescriptor(PropertyNames.STAGE_ALPHA, "rad", ValueType.DOUBLE, SimStage.LOWER.alpha(),
                    SimStage.UPPER.alpha(), true, "stage tilt alpha"),
            new PropertyDescriptor(PropertyNames.STAGE_BETA, "rad", ValueType.DOUBLE, SimStage.LOWER.beta(),
                    SimStage.UPPER.beta(), true, "stage tilt beta"),
            PropertyDescriptor.readOnly(PropertyNames.BEAM_CURRENT, "A", ValueType.DOUBLE, "probe current"),
            new PropertyDescriptor(PropertyNames.CONVERGENCE_ANGLE, "rad", ValueType.DOUBLE, 0.005, 0.05, true,
                    "convergence semi-angle"),
            new PropertyDescriptor(PropertyNames.FIELD_OF_VIEW, "m", ValueType.DOUBLE, 0.5e-9, 2e-6, true,
                    "scan field of view"),
            new PropertyDescriptor(PropertyNames.PROBE_POSITION, "", ValueType.VECTOR, 0, 1, true,
                    "parked probe (y, x) as fractions of the field; empty when scanning or at the default"),
            new PropertyDescriptor(PropertyNames.BLANKER, "", ValueType.BOOLEAN, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY, true, "beam blanked"),
            PropertyDescriptor.readOnly(PropertyNames.COLUMN_VACUUM, "Pa", ValueType.DOUBLE, "column vacuum"));

    private final SimConfig config;
    private final ExecutorService executor;
    private final CompletableFuture<Twin> building;
    private volatile Twin twin;
    private volatile InstrumentStatus status = InstrumentStatus.initializing("building the specimen");

    @Activate
    public SimulatedStem(SimConfig config) {
        this.config = config;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "condenser-sim-" + config.id());
            thread.setDaemon(true);
            return thread;
        });
        this.building = CompletableFuture.supplyAsync(() -> new Twin(config), executor).whenComplete((built, failure) -> {
            if (failure != null) {
                status = InstrumentStatus.error(StatusDetail.CONFIGURATION_ERROR,
                        "the specimen could not be built: " + failure.getMessage());
            } else {
                twin = built;
                status = InstrumentStatus.online();
            }
        });
    }

    @Deactivate
    void deactivate() {
        building.cancel(true);
        executor.shutdownNow();
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public String vendor() {
        return "Condenser";
    }

    @Override
    public String model() {
        return "simulated STEM (seed " + config.seed() + ")";
    }

    @Override
    public InstrumentStatus status() {
        return status;
    }

    @Override
    public List<PropertyDescriptor> properties() {
        return PROPERTIES;
    }

    /** The twin once built; waits for it (the build takes well under a second). */
    private Twin twin() {
        Twin built = twin;
        return built != null ? built : building.join();
    }

    @Override
    public List<ReadResult> read(List<String> names) {
        Twin t = twin();
        double clock = t.clock();
        List<ReadResult> results = new ArrayList<>(names.size());
        for (String name : names) {
            String sensor = sensorOf(name);
            if (t.sensors.has(sensor)) {
                results.add(ReadResult.ok(name, t.sensors.read(sensor, clock)));
            } else if (PropertyNames.FIELD_OF_VIEW.equals(name)) {
                results.add(ReadResult.ok(name, t.frame().fieldOfView()));
            } else if (PropertyNames.PROBE_POSITION.equals(name)) {
                ProbePosition at = t.probe();
                results.add(ReadResult.ok(name, at == null ? List.of() : List.of(at.y(), at.x())));
            } else if (PropertyNames.BLANKER.equals(name)) {
                results.add(ReadResult.ok(name, t.blanked()));
            } else {
                results.add(ReadResult.failed(name, RecordStatus.UNKNOWN_PROPERTY, id() + " has no property " + name));
            }
        }
        return results;
    }

    @Override
    public List<WriteResult> write(Map<String, Object> values) {
        Twin t = twin();
        double clock = t.clock();
        List<WriteResult> results = new ArrayList<>(values.size());
        values.forEach((name, value) -> {
            String sensor = sensorOf(name);
            if (PropertyNames.FIELD_OF_VIEW.equals(name)) {
                ScanParameters f = t.frame();
                t.setFrame(new ScanParameters(f.height(), f.width(), (Double) value, f.pixelTime(), f.rotation()));
            } else if (PropertyNames.PROBE_POSITION.equals(name)) {
                @SuppressWarnings("unchecked")
                List<Double> yx = (List<Double>) value;
                if (yx.size() != 2) {
                    results.add(WriteResult.failed(name, value, RecordStatus.WRONG_TYPE,
                            id() + ": probe_position takes two numbers (y, x), not " + yx.size()));
                    return;
                }
                t.park(new ProbePosition(yx.get(0), yx.get(1)));
            } else if (PropertyNames.BLANKER.equals(name)) {
                t.setBlanked((Boolean) value);
            } else if (t.sensors.has(sensor) && value instanceof Double number) {
                t.sensors.set(sensor, number, clock);
            } else {
                results.add(WriteResult.failed(name, value, RecordStatus.NOT_WRITABLE, id() + " cannot set " + name));
                return;
            }
            results.add(WriteResult.ok(name, value));
        });
        return results;
    }

    @Override
    public <T> List<T> capabilities(Class<T> type) {
        Twin t = twin;
        if (t == null) {
            return List.of();
        }
        Object capability = type == ScanController.class ? new SimScan(t)
                : type == Camera.class ? new SimCamera(t)
                : type == Spectrometer.class ? new SimSpectrometer(t)
                : type == Stage.class ? new SimStage(t) : null;
        return capability == null ? List.of() : List.of(type.cast(capability));
    }

    /** The drifting sensor behind a property: native aliases read and set their standard quantity. */
    private static String sensorOf(String property) {
        return C10.equals(property) ? PropertyNames.DEFOCUS : property;
    }

    // --- twin replay ---

    /** What the last follow was asked for, for status. */
    private volatile String replaying = "";

    @Override
    public String follow(List<StateSample> trajectory, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException(id() + ": replay speed " + speed + " must be above 0");
        }
        List<StateSample> ordered = new ArrayList<>(trajectory);
        ordered.sort(Comparator.comparing(StateSample::time));
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException(id() + ": an empty trajectory has nothing to follow");
        }
        Twin t = twin();
        Instant first = ordered.get(0).time();
        Map<String, List<StateSample>> byProperty = new TreeMap<>();
        for (StateSample sample : ordered) {
            String sensor = sensorOf(sample.property());
            if (sample.value() instanceof Number && t.sensors.has(sensor)) {
                byProperty.computeIfAbsent(sensor, p -> new ArrayList<>()).add(sample);
            }
        }
        if (byProperty.isEmpty()) {
            throw new IllegalArgumentException(id() + ": no sample in the trajectory names a quantity this twin has");
        }
        double clock = t.clock();
        t.sensors.release(clock);
        double last = 0;
        for (Map.Entry<String, List<StateSample>> entry : byProperty.entrySet()) {
            List<StateSample> samples = entry.getValue();
            double[] offsets = new double[samples.size()];
            double[] values = new double[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                offsets[i] = Duration.between(first, samples.get(i).time()).toNanos() / 1e9;
                values[i] = ((Number) samples.get(i).value()).doubleValue();
            }
            last = Math.max(last, offsets[offsets.length - 1]);
            t.sensors.follow(entry.getKey(), new Sensors.Trajectory(clock, speed, offsets, values));
        }
        replaying = byProperty.size() + " quantities (" + String.join(", ", byProperty.keySet()) + ") from "
                + first + ", " + String.format(Locale.ROOT, "%.1f", last) + " s of recording at " + speed
                + "x";
        return id() + " follows " + replaying;
    }

    @Override
    public String stopFollowing() {
        Twin t = twin();
        t.sensors.release(t.clock());
        replaying = "";
        return id() + " follows no recording; each quantity keeps its value and drifts on";
    }

    @Override
    public String following() {
        Twin t = twin();
        int[] following = t.sensors.following(t.clock());
        if (following[0] == 0) {
            return id() + " follows no recording";
        }
        return id() + " follows " + replaying + "; " + following[1] + " of " + following[0]
                + " quantities have reached their last sample";
    }

    // --- ground truth ---

    @Override
    public String instrumentId() {
        return config.id();
    }

    @Override
    public long seed() {
        return config.seed();
    }

    @Override
    public double specimenSize() {
        return config.specimenSize();
    }

    @Override
    public List<Atom> atoms() {
        return twin().specimen.atoms();
    }

    @Override
    public double edgeX(double y) {
        return twin().specimen.edgeX(y);
    }

    @Override
    public int hostZ() {
        return Specimen.CARBON;
    }

    @Override
    public double[] centreOfMassShift(double x, double y) {
        return twin().signals.centreOfMassShift(x, y);
    }

    @Override
    public double plasmonEnergy(double x, double y) {
        return twin().signals.plasmonEnergy(x, y);
    }

    @Override
    public double plasmonIntensity(double x, double y) {
        return twin().signals.plasmonIntensity(x, y);
    }

    @Override
    public DataArray expectedSpectrum(double x, double y, double exposure) {
        Twin t = twin();
        double clock = t.clock();
        double[] expected = new EelsModel(t).expected(x, y, t.electronsPerSecond(clock) * exposure);
        float[] counts = new float[expected.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (float) expected[i];
        }
        return DataArray.ofFloats("expected EELS", counts, "counts", List.of(EelsModel.energyAxis()),
                Map.of("specimen_x_m", x, "specimen_y_m", y, "exposure_s", exposure));
    }

    @Override
    public double[] drift(double clockSeconds) {
        Twin t = twin();
        return new double[] { t.sensors.drift(PropertyNames.STAGE_X, clockSeconds),
                t.sensors.drift(PropertyNames.STAGE_Y, clockSeconds) };
    }

    @Override
    public double clock() {
        return twin().clock();
    }

    @Override
    public double[] specimenPoint(ScanParameters scan, double row, double column, double stageX, double stageY) {
        return Twin.specimenPoint(scan, row, column, stageX, stageY);
    }

    @Override
    public double sensor(String property, double clockSeconds) {
        Twin t = twin();
        String sensor = sensorOf(property);
        if (!t.sensors.has(sensor)) {
            throw new IllegalArgumentException(id() + " has no sensor " + property);
        }
        return t.sensors.read(sensor, clockSeconds);
    }
}
