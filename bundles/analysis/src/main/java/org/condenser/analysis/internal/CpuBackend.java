package org.condenser.analysis.internal;

import java.util.Optional;

import org.condenser.api.analysis.ComputeBackend;
import org.condenser.api.analysis.ElectronCounting;
import org.condenser.api.analysis.FrameAnalysis;
import org.osgi.service.component.annotations.Component;

/** The backend that is always there: analyses run as they were written, on the calling threads. */
@Component(service = ComputeBackend.class, property = ComputeBackend.NAME + "=cpu")
public final class CpuBackend implements ComputeBackend {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB heap";
    }

    @Override
    public Optional<FrameAnalysis<?>> offload(FrameAnalysis<?> analysis) {
        return Optional.of(analysis);
    }

    /** The CPU's counter belongs to the detector driver that needs it; nothing is offered here. */
    @Override
    public Optional<ElectronCounting> electronCounter(int height, int width, float[] dark, double background,
            double xray) {
        return Optional.empty();
    }
}
