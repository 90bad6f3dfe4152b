package org.condenser.dataplane.internal.move;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.StepContext;
import org.condenser.api.flow.TransientStepException;
import org.condenser.api.runtime.RuntimeHome;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The flow step {@code move}: the run's {@code file} copied, verified, to the folder in the
 * parameter {@code to} (relative to the runtime's home), as the movers copy. Outputs the new
 * {@code file}, its {@code xxh64} and {@code bytes}. A missing source is bad input; a destination
 * that cannot be written (a NAS gone) is worth retrying.
 */
@Component(service = FlowStep.class, property = FlowStep.TYPE + "=move")
public final class MoveStep implements FlowStep {

    private final Path home;

    @Activate
    public MoveStep(BundleContext context) {
        this(RuntimeHome.of(context::getProperty));
    }

    MoveStep(Path home) {
        this.home = home;
    }

    @Override
    public void execute(StepContext context) throws Exception {
        if (!(context.inputs().get("file") instanceof String file)) {
            throw new IllegalArgumentException("move needs an input 'file'");
        }
        if (!(context.parameters().get("to") instanceof String to) || to.isBlank()) {
            throw new IllegalArgumentException("move needs a parameter 'to', the destination folder");
        }
        Path source = Path.of(file);
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(file, null, "the file to move is not there");
        }
        Path folder = home.resolve(to); // an absolute 'to' stays as it is
        Delivery delivered;
        try {
            Files.createDirectories(folder);
            delivered = VerifiedCopy.copy(source, folder.resolve(source.getFileName()), bytes -> { });
        } catch (DestinationConflict e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            if (!Files.isRegularFile(source)) {
                throw e;
            }
            throw new TransientStepException("cannot deliver to " + folder + ": " + e.getMessage(), e);
        }
        context.output("file", delivered.target().toString());
        context.output("xxh64", delivered.xxh64());
        context.output("bytes", delivered.bytes());
    }
}
