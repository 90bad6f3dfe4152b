package org.condenser.core.internal.control;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.CameraParameters;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.api.instrument.Spectrometer;
import org.condenser.api.instrument.Stage;
import org.condenser.api.instrument.WriteResult;
import org.condenser.api.provenance.DatasetActivity;
import org.condenser.api.provenance.Provenance;
import org.condenser.core.internal.RuntimeHome;
import org.condenser.json.Json;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The control plane in the shell: {@code cnd:instruments}, {@code cnd:get}, {@code cnd:set},
 * {@code cnd:probe} and {@code cnd:acquire}. Everything goes through the public {@link Instrument}
 * services, so the shell is held to the same envelope as everyone else. A command that did not do
 * everything it was asked fails, so a one-shot command exits non-zero.
 */
@Component(service = InstrumentCommands.class, property = {
    "osgi.command.scope=cnd",
    "osgi.command.function=instruments",
    "osgi.command.function=get",
    "osgi.command.function=set",
    "osgi.command.function=probe",
    "osgi.command.function=acquire"
})
public final class InstrumentCommands {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final RuntimeHome home;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Instrument> instruments;

    /** The provenance record each acquisition's description carries, when the runtime keeps records. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Provenance provenance;

    @Activate
    public InstrumentCommands(BundleContext context) {
        this.home = RuntimeHome.of(context);
    }

    @Descriptor("every instrument: id, vendor, model, status and capabilities")
    public void instruments() {
        List<Instrument> all = sorted();
        if (all.isEmpty()) {
            System.out.println("no instruments");
            return;
        }
        for (Instrument instrument : all) {
            List<String> capabilities = new ArrayList<>();
            if (instrument.capability(ScanController.class).isPresent()) {
                capabilities.add("scan");
            }
            instrument.capabilities(Camera.class).forEach(c -> capabilities.add("camera " + c.name()));
            if (instrument.capability(Spectrometer.class).isPresent()) {
                capabilities.add("spectrometer");
            }
            if (instrument.capability(Stage.class).isPresent()) {
                capabilities.add("stage");
            }
            System.out.printf("%-12s %s %s  %s%n", instrument.id(), instrument.vendor(), instrument.model(),
                    instrument.status());
            System.out.printf("%-12s %d properties; %s%n", "", instrument.properties().size(),
                    capabilities.isEmpty() ? "no capabilities" : String.join(", ", capabilities));
        }
    }

    @Descriptor("reads properties of an instrument (all when none are named)")
    public void get(@Descriptor("instrument id") String id, @Descriptor("property names") String... names) {
        Instrument instrument = instrument(id);
        Map<String, PropertyDescriptor> descriptors = descriptors(instrument);
        List<String> asked = names.length == 0 ? new ArrayList<>(descriptors.keySet()) : List.of(names);
        int failed = 0;
        for (ReadResult result : instrument.read(asked)) {
            if (result.isOk()) {
                PropertyDescriptor d = descriptors.get(result.name());
                String unit = d == null || d.unit().isEmpty() ? "" : " " + d.unit();
                System.out.printf("%-24s %s%s%n", result.name(), ValueText.format(result.value()), unit);
            } else {
                failed++;
                System.out.printf("%-24s %s: %s%n", result.name(), result.status(), result.message());
            }
        }
        if (failed > 0) {
            throw new CommandFailure(failed + " of " + asked.size() + " properties could not be read");
        }
    }

    @Descriptor("writes properties of an instrument, through the safety envelope: NAME VALUE [NAME VALUE …]")
    public void set(@Descriptor("instrument id") String id,
            @Descriptor("property names and values, in pairs; vectors as y,x") String... pairs) {
        Instrument instrument = instrument(id);
        if (pairs.length == 0 || pairs.length % 2 != 0) {
            throw new CommandFailure("cnd:set needs NAME VALUE pairs, got " + pairs.length + " words");
        }
        Map<String, PropertyDescriptor> descriptors = descriptors(instrument);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            PropertyDescriptor descriptor = descriptors.get(pairs[i]);
            if (descriptor == null) {
                throw new CommandFailure(id + " has no property " + pairs[i] + "; it has "
                        + String.join(", ", descriptors.keySet()));
            }
            values.put(pairs[i], ValueText.parse(descriptor, pairs[i + 1]));
        }
        int failed = 0;
        for (WriteResult result : instrument.write(values)) {
            if (result.isOk()) {
                System.out.printf("%-24s set to %s%n", result.name(), ValueText.format(result.requested()));
            } else {
                failed++;
                System.out.printf("%-24s %s: %s%n", result.name(), result.status(), result.message());
            }
        }
        if (failed > 0) {
            throw new CommandFailure(failed + " of " + values.size() + " values were not written");
        }
    }

    @Descriptor("shows the probe; with Y X (fractions of the scan field) moves it there; with 'park' parks it")
    public void probe(@Descriptor("instrument id") String id, @Descriptor("nothing, Y X, or park") String... where) {
        try {
            probeOrMove(id, where);
        } catch (InstrumentException | IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private void probeOrMove(String id, String... where) throws InstrumentException {
        ScanController scan = instrument(id).capability(ScanController.class)
                .orElseThrow(() -> new CommandFailure(id + " has no scan, so no probe to position"));
        if (where.length == 1 && "park".equals(where[0])) {
            scan.park();
        } else if (where.length == 2) {
            scan.moveProbe(new ProbePosition(number("y", where[0]), number("x", where[1])));
        } else if (where.length != 0) {
            throw new CommandFailure("cnd:probe takes nothing, Y X, or park; got " + String.join(" ", where));
        }
        Optional<ProbePosition> position = scan.probePosition();
        System.out.println(scan.probeState().name().toLowerCase(Locale.ROOT)
                + position.map(p -> " at y=" + ValueText.format(p.y()) + " x=" + ValueText.format(p.x()))
                        .orElse(" at the default position"));
    }

    @Descriptor("acquires a HAADF or MAADF image, a spectrum at the probe, or a 4D-STEM scan, and writes it "
            + "as NAME.npy (numpy.load) with NAME.json (axes, units, metadata)")
    public void acquire(
            @Descriptor("scan size in pixels (both edges); default: the instrument's current, 32 for 4dstem")
            @Parameter(names = { "-s", "--size" }, absentValue = "0") int size,
            @Descriptor("field of view, m; default: the instrument's current")
            @Parameter(names = { "-f", "--fov" }, absentValue = "0") double fieldOfView,
            @Descriptor("pixel dwell time, s; default: the instrument's current")
            @Parameter(names = { "-t", "--pixel-time" }, absentValue = "0") double pixelTime,
            @Descriptor("camera or spectrometer exposure, s")
            @Parameter(names = { "-e", "--exposure" }, absentValue = "0.01") double exposure,
            @Descriptor("output path without extension; default: acquisitions/ID-KIND-TIME in the runtime's home")
            @Parameter(names = { "-o", "--out" }, absentValue = "") String out,
            @Descriptor("instrument id") String id,
            @Descriptor("haadf, maadf, spectrum or 4dstem") String kind) {
        try {
            acquireAndWrite(size, fieldOfView, pixelTime, exposure, out, id, kind);
        } catch (InstrumentException | IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage());
        } catch (IOException e) {
            throw new CommandFailure("acquired, but could not write it: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    private void acquireAndWrite(int size, double fieldOfView, double pixelTime, double exposure, String out, String id,
            String kind) throws InstrumentException, IOException {
        Instrument instrument = instrument(id);
        String what = kind.toLowerCase(Locale.ROOT);
        Instant started = Instant.now();
        DataArray acquired = switch (what) {
            case "haadf", "maadf" -> {
                ScanController scan = capability(instrument, ScanController.class, "scan");
                ScanParameters parameters = scanParameters(scan, size, fieldOfView, pixelTime);
                yield scan.record(parameters, List.of(ScanChannel.valueOf(what.toUpperCase(Locale.ROOT)))).get(0);
            }
            case "spectrum" -> capability(instrument, Spectrometer.class, "spectrometer").spectrum(exposure);
            case "4dstem" -> {
                ScanController scan = capability(instrument, ScanController.class, "scan");
                Camera camera = capability(instrument, Camera.class, "camera");
                ScanParameters parameters = scanParameters(scan, size == 0 ? 32 : size, fieldOfView, pixelTime);
                yield camera.acquireScan(parameters, new CameraParameters(exposure, 1));
            }
            default -> throw new CommandFailure(
                    "cnd:acquire knows haadf, maadf, spectrum and 4dstem, not '" + kind + "'");
        };
        Path base = out.isEmpty() ? home.acquisitions().resolve(id + "-" + what + "-" + LocalDateTime.now().format(STAMP))
                : Path.of(out).toAbsolutePath();
        Map<String, Object> extra = new LinkedHashMap<>();
        Provenance records = provenance;
        if (records != null) {
            // the person at this shell is the operating-system user who started it
            extra.put("provenance", Json.parse(records.record(new DatasetActivity(base.getFileName().toString(),
                    "acquisition", started, Instant.now(), List.of(id), System.getProperty("user.name", ""), "",
                    List.of()))));
        }
        Path written = AcquisitionFiles.write(acquired, base, extra);
        System.out.println(acquired.name() + " " + acquired.dtype().name().toLowerCase(Locale.ROOT)
                + java.util.Arrays.toString(acquired.shape()) + " " + acquired.unit() + " -> " + written);
    }

    /** What the user gave, the rest from the instrument's current frame parameters (asked only when needed). */
    private static ScanParameters scanParameters(ScanController scan, int size, double fieldOfView, double pixelTime)
            throws InstrumentException {
        if (size > 0 && fieldOfView > 0 && pixelTime > 0) {
            return new ScanParameters(size, size, fieldOfView, pixelTime, 0);
        }
        ScanParameters current = scan.frameParameters();
        return new ScanParameters(size > 0 ? size : current.height(), size > 0 ? size : current.width(),
                fieldOfView > 0 ? fieldOfView : current.fieldOfView(), pixelTime > 0 ? pixelTime : current.pixelTime(),
                current.rotation());
    }

    private static <T> T capability(Instrument instrument, Class<T> type, String what) {
        return instrument.capability(type)
                .orElseThrow(() -> new CommandFailure(instrument.id() + " has no " + what));
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new CommandFailure(name + ": '" + text + "' is not a number");
        }
    }

    private Instrument instrument(String id) {
        List<Instrument> all = sorted();
        for (Instrument instrument : all) {
            if (instrument.id().equals(id)) {
                return instrument;
            }
        }
        throw new CommandFailure("no instrument '" + id + "'" + (all.isEmpty() ? "; there are none"
                : "; there are " + all.stream().map(Instrument::id).collect(Collectors.joining(", "))));
    }

    private List<Instrument> sorted() {
        List<Instrument> all = new ArrayList<>(instruments);
        all.sort((a, b) -> a.id().compareTo(b.id()));
        return all;
    }

    private static Map<String, PropertyDescriptor> descriptors(Instrument instrument) {
        Map<String, PropertyDescriptor> byName = new LinkedHashMap<>();
        instrument.properties().forEach(d -> byName.put(d.name(), d));
        return byName;
    }
}
