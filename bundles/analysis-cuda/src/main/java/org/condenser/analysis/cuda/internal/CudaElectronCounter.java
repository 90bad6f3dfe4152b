package org.condenser.analysis.cuda.internal;

import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD32;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.condenser.api.analysis.ElectronCounting;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;

/**
 * Electron counting on the GPU, one thread per pixel, with the same arithmetic as the CPU counter;
 * events come back sorted, as the CPU finds them. One frame at a time: callers on several threads
 * take turns on the device.
 */
final class CudaElectronCounter implements ElectronCounting {

    private static final int THREADS = 256;

    private final CudaDevice device;
    private final int height;
    private final int width;
    private final double background;
    private final double xray;
    private final CUfunction kernel;
    private final CUdeviceptr dark;
    private final CUdeviceptr frame;
    private final CUdeviceptr events;
    private final CUdeviceptr count;
    private final ByteBuffer staged;

    CudaElectronCounter(CudaDevice device, int height, int width, float[] dark, double background, double xray) {
        if (height <= 0 || width <= 0 || dark.length != height * width) {
            throw new IllegalArgumentException("a dark reference of " + dark.length + " pixels for " + height + "x"
                    + width + " frames");
        }
        this.device = device;
        this.height = height;
        this.width = width;
        this.background = background;
        this.xray = xray;
        this.kernel = device.function("count_u16");
        int pixels = height * width;
        this.dark = device.allocate(this, (long) pixels * Float.BYTES);
        this.frame = device.allocate(this, (long) pixels * Short.BYTES);
        this.events = device.allocate(this, (long) pixels * Integer.BYTES);
        this.count = device.allocate(this, Integer.BYTES);
        this.staged = ByteBuffer.allocateDirect(pixels * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        synchronized (device) {
            device.enter();
            cuMemcpyHtoD(this.dark, Pointer.to(dark), (long) pixels * Float.BYTES);
        }
    }

    @Override
    public int[] count(ByteBuffer in, int[] out, int[] found) {
        int pixels = height * width;
        if (in.remaining() != pixels * Short.BYTES) {
            throw new IllegalArgumentException("a frame of " + in.remaining() + " bytes, not " + height + "x" + width
                    + " uint16 (" + pixels * Short.BYTES + ")");
        }
        int n;
        int[] result = out;
        synchronized (this) {
            staged.put(0, in, in.position(), pixels * Short.BYTES);
            synchronized (device) {
                device.enter();
                cuMemcpyHtoD(frame, Pointer.to(staged), (long) pixels * Short.BYTES);
                cuMemsetD32(count, 0, 1);
                Pointer arguments = Pointer.to(Pointer.to(frame), Pointer.to(dark), Pointer.to(new int[] { height }),
                        Pointer.to(new int[] { width }), Pointer.to(new double[] { background }),
                        Pointer.to(new double[] { xray }), Pointer.to(events), Pointer.to(count),
                        Pointer.to(new int[] { pixels }));
                cuLaunchKernel(kernel, (pixels + THREADS - 1) / THREADS, 1, 1, THREADS, 1, 1, 0, null, arguments, null);
                cuCtxSynchronize();
                int[] counted = new int[1];
                cuMemcpyDtoH(Pointer.to(counted), count, Integer.BYTES);
                n = counted[0];
                if (result.length < n) {
                    result = new int[n];
                }
                if (n > 0) {
                    cuMemcpyDtoH(Pointer.to(result), events, (long) n * Integer.BYTES);
                }
            }
        }
        Arrays.sort(result, 0, n);
        found[0] = n;
        return result;
    }
}
