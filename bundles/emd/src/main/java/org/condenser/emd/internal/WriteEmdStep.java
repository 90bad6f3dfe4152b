package org.condenser.emd.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFiles;
import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.StepContext;
import org.condenser.api.provenance.DatasetActivity;
import org.condenser.api.provenance.Provenance;
import org.condenser.api.runtime.RuntimeHome;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The flow step {@code write-emd}: a detector's raw binary {@code file} (EMPAD, a Merlin or
 * 4D Camera dump, any fixed layout) written as an EMD file that HyperSpy, h5py and py4DSTEM open.
 * Parameters: {@code shape} (list, required), {@code dtype} (required, such as {@code uint16}),
 * {@code byteOrder} ({@code little} or {@code big}), {@code headerBytes} to skip, {@code axes}
 * (a list of {@code {name, unit, step, offset}}), {@code unit}, {@code dialect} ({@code 0.2} or
 * {@code 1.0}) and {@code to} (default {@code emd}). The file must hold exactly the header and the
 * array; anything else is bad input, named with both sizes. Outputs {@code file}, the EMD written (so
 * later steps analyse it), and {@code raw}, the file it came from. When the runtime keeps provenance,
 * the EMD file carries its record: this conversion, derived from the raw file, with the run's
 * lineage back to the detector (its moves, and its acquisition when the flow names instruments).
 */
@Component(service = FlowStep.class, property = FlowStep.TYPE + "=write-emd")
public final class WriteEmdStep implements FlowStep {

    private final UnaryOperator<String> properties;
    private final EmdFiles emd;

    /** Provenance records for the files written, when the runtime keeps them. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Provenance provenance;

    @Activate
    public WriteEmdStep(BundleContext context, @Reference EmdFiles emd) {
        this(context::getProperty, emd);
    }

    WriteEmdStep(UnaryOperator<String> properties, EmdFiles emd) {
        this(properties, emd, null);
    }

    WriteEmdStep(UnaryOperator<String> properties, EmdFiles emd, Provenance provenance) {
        this.properties = properties;
        this.emd = emd;
        this.provenance = provenance;
    }

    @Override
    public void execute(StepContext context) throws Exception {
        Instant began = Instant.now();
        if (!(context.inputs().get("file") instanceof String name)) {
            throw new IllegalArgumentException("write-emd needs an input 'file'");
        }
        Map<String, Object> parameters = context.parameters();
        int[] shape = shape(parameters.get("shape"));
        DType dtype = dtype(parameters.get("dtype"));
        ByteOrder order = switch (String.valueOf(parameters.getOrDefault("byteOrder", "little"))) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new IllegalArgumentException("write-emd: byteOrder must be 'little' or 'big', not '"
                    + parameters.get("byteOrder") + "'");
        };
        Object headerBytes = parameters.getOrDefault("headerBytes", 0L);
        if (!(headerBytes instanceof Number n) || n.longValue() < 0) {
            throw new IllegalArgumentException("write-emd: headerBytes must be a number of bytes >= 0, not "
                    + headerBytes);
        }
        long header = n.longValue();
        EmdDialect dialect = switch (String.valueOf(parameters.getOrDefault("dialect", "0.2"))) {
            case "0.2" -> EmdDialect.EMD_0_2;
            case "1.0" -> EmdDialect.EMD_1_0;
            default -> throw new IllegalArgumentException("write-emd: dialect must be '0.2' or '1.0', not '"
                    + parameters.get("dialect") + "'");
        };
        List<Axis> axes = axes(parameters.get("axes"), shape);
        Path raw = Path.of(name);
        long expected = header + Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b) * dtype.bytes();
        long size = Files.size(raw);
        if (size != expected) {
            throw new IllegalArgumentException(raw.getFileName() + " is " + size + " bytes; " + Arrays.toString(shape)
                    + " " + dtype.name().toLowerCase(Locale.ROOT) + " after a " + header + "-byte header needs "
                    + expected);
        }
        if (expected - header > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(raw.getFileName() + ": arrays over 2 GiB are not converted whole");
        }
        byte[] bytes = new byte[(int) (expected - header)];
        try (InputStream in = Files.newInputStream(raw)) {
            in.skipNBytes(header);
            if (in.readNBytes(bytes, 0, bytes.length) != bytes.length) {
                throw new IOException(raw + " ended early while being read");
            }
        }
        String stem = raw.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        String unit = parameters.get("unit") instanceof String u ? u : "counts";
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("raw_file", raw.toString());
        source.put("run", context.runId());
        source.put("header_bytes", header);
        source.put("byte_order", order.toString().toLowerCase(Locale.ROOT));
        DataArray array = DataArray.ofBytes(stem, dtype, bytes, order, unit, axes, Map.of());
        String to = parameters.get("to") instanceof String t ? t : "emd";
        Path folder = Files.createDirectories(RuntimeHome.resolve(properties, to).resolve(context.runId()));
        Path target = folder.resolve(stem + ".emd");
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
        groups.put("source", source);
        Provenance records = provenance;
        if (records != null) {
            // files by absolute path, as the run's lineage names them
            groups.put(Provenance.GROUP, Map.of(Provenance.ATTRIBUTE, records.record(new DatasetActivity(
                    target.toAbsolutePath().toString(), "write-emd", began, Instant.now(), List.of(), "", "",
                    List.of(raw.toAbsolutePath().toString()), Map.of("flow", context.flow(), "run", context.runId())),
                    context.lineage(), Map.of())));
        }
        emd.write(target, new EmdContent(List.of(array), groups), dialect);
        context.output("raw", raw.toString());
        context.output("file", target.toString());
    }

    private static int[] shape(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("write-emd: 'shape' must be a list of sizes, such as [128, 128, 130, 128], "
                    + "not " + value);
        }
        int[] shape = new int[list.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() < 1 || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.doubleValue() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("write-emd: 'shape' " + list + " holds " + list.get(i)
                        + ", not a size >= 1");
            }
            shape[i] = n.intValue();
        }
        return shape;
    }

    private static DType dtype(Object value) {
        try {
            return DType.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("write-emd: dtype '" + value + "' is not one of "
                    + Arrays.stream(DType.values()).map(d -> d.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    private static List<Axis> axes(Object value, int[] shape) {
        List<Axis> axes = new ArrayList<>();
        List<?> given = value == null ? List.of() : value instanceof List<?> list ? list : null;
        if (given == null || (!given.isEmpty() && given.size() != shape.length)) {
            throw new IllegalArgumentException("write-emd: 'axes' must be a list of " + shape.length
                    + " objects {name, unit, step, offset}, not " + value);
        }
        for (int d = 0; d < shape.length; d++) {
            if (given.isEmpty()) {
                axes.add(new Axis("dim" + d, "px", 0, 1, shape[d]));
                continue;
            }
            if (!(given.get(d) instanceof Map<?, ?> axis)) {
                throw new IllegalArgumentException("write-emd: axis " + d + " must be an object {name, unit, step, "
                        + "offset}, not " + given.get(d));
            }
            axes.add(new Axis(String.valueOf(axis.containsKey("name") ? axis.get("name") : "dim" + d),
                    String.valueOf(axis.containsKey("unit") ? axis.get("unit") : "px"), number(axis, "offset", 0, d),
                    number(axis, "step", 1, d), shape[d]));
        }
        return axes;
    }

    private static double number(Map<?, ?> axis, String key, double fallback, int d) {
        Object value = axis.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("write-emd: axis " + d + "'s " + key + " must be a number, not " + value);
        }
        return n.doubleValue();
    }
}
