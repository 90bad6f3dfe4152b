package org.condenser.analysis.cuda.internal;

import java.util.Optional;

import org.condenser.api.analysis.ComputeBackend;
import org.condenser.api.analysis.ElectronCounting;
import org.condenser.api.analysis.FrameAnalysis;
import org.condenser.api.analysis.LinearAnalysis;
import org.condenser.api.analysis.LinearForm;
import org.condenser.api.data.DType;

/** The GPU as a compute backend: linear analyses (virtual detectors, centre of mass, sums) and counting. */
public final class CudaBackend implements ComputeBackend {

    private final CudaDevice device;

    public CudaBackend(CudaDevice device) {
        this.device = device;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String describe() {
        return device.describe();
    }

    /** Linear analyses of any pixel type but int64; the rest (particles, spectrum scalars) stay on the CPU. */
    @Override
    public Optional<FrameAnalysis<?>> offload(FrameAnalysis<?> analysis) {
        if (!(analysis instanceof LinearAnalysis linear)) {
            return Optional.empty();
        }
        LinearForm form = linear.form();
        if (form.dtype() == DType.INT64) {
            return Optional.empty();
        }
        return Optional.of(new CudaLinearAnalysis(device, linear, form));
    }

    @Override
    public Optional<ElectronCounting> electronCounter(int height, int width, float[] dark, double background,
            double xray) {
        return Optional.of(new CudaElectronCounter(device, height, width, dark, background, xray));
    }
}
