package org.condenser.emd.internal;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.EmdArray;
import org.condenser.api.data.EmdFile;
import org.condenser.api.data.EmdFiles;
import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.StepContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The flow step {@code extract-metadata}: what the run's EMD {@code file} says about itself — its
 * dialect, each array's name, shape, type, unit and axes, and its metadata groups — as the output
 * {@code metadata}, in plain values (lists, maps, numbers, strings) that journals and catalogues take.
 */
@Component(service = FlowStep.class, property = FlowStep.TYPE + "=extract-metadata")
public final class ExtractMetadataStep implements FlowStep {

    private final EmdFiles emd;

    @Activate
    public ExtractMetadataStep(@Reference EmdFiles emd) {
        this.emd = emd;
    }

    @Override
    public void execute(StepContext context) throws Exception {
        if (!(context.inputs().get("file") instanceof String name)) {
            throw new IllegalArgumentException("extract-metadata needs an input 'file'");
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        try (EmdFile file = emd.open(Path.of(name))) {
            metadata.put("dialect", file.dialect());
            List<Object> arrays = new ArrayList<>();
            for (EmdArray array : file.arrays()) {
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("name", array.name());
                described.put("shape", plain(array.shape()));
                described.put("dtype", array.dtype().name().toLowerCase(java.util.Locale.ROOT));
                described.put("unit", array.unit());
                described.put("axes", array.axes().stream().map(a -> (Object) Map.of("name", a.name(), "unit", a.unit(),
                        "offset", a.offset(), "step", a.step(), "size", (long) a.size())).toList());
                arrays.add(described);
            }
            metadata.put("arrays", arrays);
            metadata.put("groups", plain(file.groups()));
        }
        context.output("metadata", metadata);
    }

    /** Arrays as lists, maps and lists throughout, so any JSON writer takes the value. */
    private static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(plain(Array.get(value, i)));
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ExtractMetadataStep::plain).toList();
        }
        return String.valueOf(value);
    }
}
