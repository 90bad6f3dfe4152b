package org.condenser.analysis.cuda.internal;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

import org.condenser.api.analysis.FrameAnalysis;
import org.condenser.api.analysis.LinearAnalysis;
import org.condenser.api.analysis.LinearForm;
import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.Frame;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;

/**
 * A linear analysis run on the GPU: frames are copied into a batch, and each full batch goes to the
 * device in one copy and one kernel launch that adds into the partial result's sums, which stay on
 * the device until they are merged or turned into the result. The result itself is made by the CPU
 * analysis from those sums, so axes, units and names are the same whichever ran.
 *
 * <p>A frame the kernels cannot read as it is (another pixel type than the series', big-endian
 * bytes) is mapped by the CPU analysis into the partial's host-side sums: the result stays exact.
 */
final class CudaLinearAnalysis implements FrameAnalysis<CudaLinearAnalysis.Partial> {

    private static final int THREADS = 256;
    /** Bytes of frames sent per launch: large enough to keep the GPU busy, small beside its memory. */
    private static final long BATCH_BYTES = 32L << 20;
    private static final int MAX_BATCH = 1024;

    private final CudaDevice device;
    private final LinearAnalysis cpu;
    private final LinearForm form;
    private final int frameBytes;
    private final int batch;
    private final CUfunction kernel;
    /** The weight vectors, on the device for as long as this analysis is held. */
    private final CUdeviceptr weights;

    CudaLinearAnalysis(CudaDevice device, LinearAnalysis cpu, LinearForm form) {
        this.device = device;
        this.cpu = cpu;
        this.form = form;
        this.frameBytes = form.framePixels() * form.dtype().bytes();
        this.batch = (int) Math.max(1, Math.min(MAX_BATCH, BATCH_BYTES / frameBytes));
        this.kernel = device.function((form.accumulates() ? "accumulate_" : "weighted_") + suffix(form.dtype()));
        if (form.accumulates()) {
            this.weights = null;
        } else {
            this.weights = device.allocate(this, (long) form.weights().length * Float.BYTES);
            synchronized (device) {
                device.enter();
                cuMemcpyHtoD(weights, Pointer.to(form.weights()), (long) form.weights().length * Float.BYTES);
            }
        }
    }

    /** The kernels' name for a pixel type. */
    static String suffix(DType dtype) {
        return switch (dtype) {
            case UINT8 -> "u8";
            case INT8 -> "i8";
            case UINT16 -> "u16";
            case INT16 -> "i16";
            case UINT32 -> "u32";
            case INT32 -> "i32";
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case INT64 -> throw new IllegalArgumentException("no kernel reads " + dtype + " pixels");
        };
    }

    @Override
    public String name() {
        return cpu.name();
    }

    @Override
    public Partial newPartial() {
        return new Partial();
    }

    @Override
    public void map(Frame frame, Partial partial) {
        int position = cpu.position(frame);
        ByteBuffer payload = frame.payload();
        if (frame.header().dtype() != form.dtype() || payload.remaining() != frameBytes
                || (payload.order() != ByteOrder.LITTLE_ENDIAN && form.dtype().bytes() > 1)) {
            cpu.map(frame, partial.host);
            return;
        }
        partial.add(payload, position);
    }

    @Override
    public void merge(Partial into, Partial from) {
        double[] sums = from.sums();
        for (int i = 0; i < sums.length; i++) {
            into.host[i] += sums[i];
        }
    }

    @Override
    public DataArray result(Partial merged) {
        return cpu.result(merged.sums());
    }

    @Override
    public byte[] toBytes(Partial partial) {
        return cpu.toBytes(partial.sums());
    }

    @Override
    public Partial fromBytes(byte[] bytes) {
        Partial partial = new Partial();
        System.arraycopy(cpu.fromBytes(bytes), 0, partial.host, 0, partial.host.length);
        return partial;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s on the GPU (%d frames of %d bytes per launch)", cpu.name(), batch,
                frameBytes);
    }

    /**
     * One worker's sums: a batch of frames waiting on the host, the sums on the device (made at the
     * first launch), and host sums for what the CPU mapped or other partials merged in.
     */
    final class Partial {

        private final double[] host = new double[form.slots()];
        private ByteBuffer staged;
        private int[] positions;
        private int waiting;
        private CUdeviceptr frames;
        private CUdeviceptr framePositions;
        private CUdeviceptr sums;

        private void add(ByteBuffer payload, int position) {
            if (staged == null) {
                staged = ByteBuffer.allocateDirect(batch * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
                positions = new int[batch];
            }
            staged.put(waiting * frameBytes, payload, payload.position(), frameBytes);
            positions[waiting++] = position;
            if (waiting == batch) {
                launch();
            }
        }

        /** Sends the waiting frames to the device and adds them into the device's sums. */
        private void launch() {
            if (waiting == 0) {
                return;
            }
            synchronized (device) {
                if (sums == null) {
                    frames = device.allocate(this, (long) batch * frameBytes);
                    framePositions = device.allocate(this, (long) batch * Integer.BYTES);
                    sums = device.allocate(this, (long) form.slots() * Double.BYTES);
                    device.enter();
                    cuMemsetD8(sums, (byte) 0, (long) form.slots() * Double.BYTES);
                }
                device.enter();
                cuMemcpyHtoD(frames, Pointer.to(staged), (long) waiting * frameBytes);
                if (form.accumulates()) {
                    Pointer arguments = Pointer.to(Pointer.to(frames), Pointer.to(sums),
                            Pointer.to(new int[] { form.framePixels() }), Pointer.to(new int[] { waiting }));
                    int blocks = Math.min(4096, (form.framePixels() + THREADS - 1) / THREADS);
                    cuLaunchKernel(kernel, blocks, 1, 1, THREADS, 1, 1, 0, null, arguments, null);
                } else {
                    cuMemcpyHtoD(framePositions, Pointer.to(positions), (long) waiting * Integer.BYTES);
                    Pointer arguments = Pointer.to(Pointer.to(frames), Pointer.to(weights), Pointer.to(framePositions),
                            Pointer.to(sums), Pointer.to(new int[] { form.framePixels() }),
                            Pointer.to(new int[] { form.maps() }));
                    cuLaunchKernel(kernel, form.maps(), waiting, 1, THREADS, 1, 1, 0, null, arguments, null);
                }
                // the staging buffer is reused at once, and a fault should surface with the batch that caused it
                cuCtxSynchronize();
            }
            waiting = 0;
        }

        /** Every frame mapped so far, summed: device and host together. */
        double[] sums() {
            launch();
            double[] total = host.clone();
            if (sums != null) {
                double[] onDevice = new double[total.length];
                synchronized (device) {
                    device.enter();
                    cuMemcpyDtoH(Pointer.to(onDevice), sums, (long) onDevice.length * Double.BYTES);
                }
                for (int i = 0; i < total.length; i++) {
                    total[i] += onDevice[i];
                }
            }
            return total;
        }
    }
}
