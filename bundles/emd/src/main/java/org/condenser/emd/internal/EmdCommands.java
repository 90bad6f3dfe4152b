package org.condenser.emd.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.data.Axis;
import org.condenser.api.data.EmdArray;
import org.condenser.api.data.EmdFile;
import org.condenser.api.data.EmdFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code cnd:emd FILE}: what an EMD file holds, for people: dialect, arrays with their axes, metadata groups. */
@Component(service = EmdCommands.class, property = { "osgi.command.scope=cnd", "osgi.command.function=emd" })
public final class EmdCommands {

    private final EmdFiles files;

    @Activate
    public EmdCommands(@Reference EmdFiles files) {
        this.files = files;
    }

    @Descriptor("summarises an EMD file (EMD 0.2, EMD 1.0 or Velox): arrays, axes, units, metadata groups")
    public void emd(@Descriptor("the file") String file) {
        try (EmdFile emd = files.open(Path.of(file))) {
            System.out.print(summary(Path.of(file), emd));
        } catch (IOException e) {
            throw new SummaryFailure(e.getMessage());
        }
    }

    static String summary(Path path, EmdFile emd) {
        StringBuilder out = new StringBuilder();
        out.append(path.toAbsolutePath()).append(": ").append(emd.dialect()).append(", ")
                .append(emd.arrays().size()).append(emd.arrays().size() == 1 ? " array" : " arrays").append('\n');
        for (EmdArray array : emd.arrays()) {
            out.append("  ").append(array.name()).append("  ").append(array.dtype().name().toLowerCase(Locale.ROOT))
                    .append(Arrays.toString(array.shape()));
            if (!array.unit().isEmpty()) {
                out.append(' ').append(array.unit());
            }
            out.append("  (").append(array.path()).append(")\n");
            for (Axis axis : array.axes()) {
                out.append(String.format(Locale.ROOT, "    %-14s %6d x %-10.4g from %-10.4g %s%n", axis.name(), axis.size(),
                        axis.step(), axis.offset(), axis.unit()));
            }
        }
        for (Map.Entry<String, Map<String, Object>> group : emd.groups().entrySet()) {
            out.append("  ").append(group.getKey()).append(":\n");
            group.getValue().forEach((key, value) -> {
                if (!"json".equals(key)) {
                    out.append("    ").append(key).append(" = ").append(shorten(value)).append('\n');
                }
            });
        }
        return out.toString();
    }

    private static String shorten(Object value) {
        String text = value instanceof List<?> list && list.size() > 8 ? list.subList(0, 8) + "… (" + list.size() + ")"
                : String.valueOf(value);
        return text.length() > 120 ? text.substring(0, 117) + "…" : text;
    }

    /** The shell prints the reason alone. */
    static final class SummaryFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SummaryFailure(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
