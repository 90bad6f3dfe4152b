package org.condenser.analysis.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.condenser.api.analysis.Analyses;
import org.condenser.api.analysis.ComputeBackend;
import org.condenser.api.analysis.FrameAnalysis;
import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.SeriesInfo;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The analyses this runtime runs on frames, by spec; every node builds the same one from the same spec. */
@Component(service = { Analyses.class, AnalysisService.class })
public final class AnalysisService implements Analyses {

    private static final System.Logger LOG = System.getLogger(AnalysisService.class.getName());

    /** Backends as they come and go (a GPU backend registers only where it found a GPU). */
    @Reference(service = ComputeBackend.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.UPDATE)
    private final List<ComputeBackend> backends = new CopyOnWriteArrayList<>();

    List<ComputeBackend> backends() {
        return List.copyOf(backends);
    }

    /** The accelerator analyses are offered to first: any backend but the CPU. */
    Optional<ComputeBackend> preferred() {
        return backends.stream().filter(b -> !b.name().equals("cpu")).findFirst();
    }

    @Override
    public List<String> kinds() {
        return List.of("bf[:OUTER]            bright-field virtual detector (radii: fractions of half the frame)",
                "adf[:INNER[:OUTER]]    annular dark field", "annular:INNER:OUTER    any annulus",
                "sum                    total counts per scan position (sum image)",
                "com                    centre of mass, px from the frame centre",
                "dpc[:ROTATION_DEG]     centre of mass in the scan's axes, descan removed",
                "pattern                sum of all frames (sum pattern, or sum spectrum of a spectrum image)",
                "window:LO:HI           a spectrum image's integral over an energy window",
                "ratio:LO1:HI1:LO2:HI2  the ratio of two windows' integrals",
                "peak:LO:HI             the energy of the highest channel in a window (sub-channel)",
                "particles[:SIGMA[:K[:MIN_AREA[:MAX_STEP]]]]  blobs per frame of an image series, linked into tracks");
    }

    @Override
    public void check(String spec) {
        switch (kind(spec)) {
            case "com", "dpc" -> CentreOfMass.check(spec);
            case "window", "ratio", "peak" -> SpectrumScalar.check(spec);
            case "particles" -> Particles.check(spec);
            case "pattern" -> {
                if (!spec.strip().equalsIgnoreCase("pattern")) {
                    throw new IllegalArgumentException("'" + spec + "': pattern takes no parameters");
                }
            }
            default -> VirtualDetector.parse(spec);
        }
    }

    @Override
    public FrameAnalysis<?> create(String spec, SeriesInfo series) {
        FrameAnalysis<?> analysis = onCpu(spec, series);
        Optional<ComputeBackend> accelerator = preferred();
        if (accelerator.isEmpty()) {
            return analysis;
        }
        try {
            return accelerator.get().offload(analysis).orElse(analysis);
        } catch (RuntimeException e) {
            // a device out of memory or gone: the CPU still gives the same result
            LOG.log(System.Logger.Level.WARNING, "'" + spec + "' runs on the CPU: " + accelerator.get().name()
                    + " refused it (" + e + ")");
            return analysis;
        }
    }

    private FrameAnalysis<?> onCpu(String spec, SeriesInfo series) {
        check(spec);
        return switch (kind(spec)) {
            case "com", "dpc" -> CentreOfMass.of(spec, series);
            case "window", "ratio", "peak" -> SpectrumScalar.of(spec, series);
            case "particles" -> Particles.of(spec, series);
            case "pattern" -> FrameSum.of(series);
            default -> VirtualDetector.annulus(spec, series);
        };
    }

    @Override
    public DataArray apply(String spec, DataArray array) {
        int[] shape = array.shape();
        boolean series = kind(spec).equals("particles");
        int leading = series ? 1 : 2;
        if (shape.length <= leading) {
            throw new IllegalArgumentException(array.name() + " " + Arrays.toString(shape) + " has no frames for '" + spec
                    + "': " + (series ? "an image series (t, y, x)" : "a scan (y, x, then each frame)") + " is needed");
        }
        int[] frameShape = Arrays.copyOfRange(shape, leading, shape.length);
        List<Axis> frameAxes = array.axes().subList(leading, shape.length);
        long frames = series ? shape[0] : (long) shape[0] * shape[1];
        SeriesInfo info = new SeriesInfo(array.name(), frames, series ? null : new int[] { shape[0], shape[1] },
                array.dtype(), frameShape, Map.of(), frameAxes);
        return reduce(create(spec, info), array, frames, frameShape);
    }

    private static <P> DataArray reduce(FrameAnalysis<P> analysis, DataArray array, long frames, int[] frameShape) {
        P partial = analysis.newPartial();
        for (long i = 0; i < frames; i++) {
            analysis.map(new ArrayFrame(array.name(), i, array, frameShape), partial);
        }
        return analysis.result(partial);
    }

    @Override
    public byte[] png(DataArray result) {
        return PngRenderer.render(result);
    }

    private static String kind(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("an analysis spec is empty");
        }
        return spec.strip().toLowerCase(Locale.ROOT).split(":")[0];
    }
}
