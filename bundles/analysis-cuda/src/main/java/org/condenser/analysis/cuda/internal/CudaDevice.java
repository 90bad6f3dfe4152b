package org.condenser.analysis.cuda.internal;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jcuda.CudaException;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * The first GPU, opened through the CUDA driver API with this bundle's kernels loaded. Every use
 * holds the device's lock and makes its context current on the calling thread first, so pipeline
 * threads may share it; device memory is freed when the Java object owning it is collected, or when
 * the device closes.
 */
public final class CudaDevice implements AutoCloseable {

    static final String KERNELS = "/cuda/condenser-kernels.fatbin";

    private static final Cleaner CLEANER = Cleaner.create();

    private final CUcontext context;
    private final CUmodule module;
    private final String description;
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private CudaDevice(CUcontext context, CUmodule module, String description) {
        this.context = context;
        this.module = module;
        this.description = description;
    }

    /**
     * Opens device 0.
     *
     * @throws CudaUnavailable naming why not: no driver library, no device, no kernels in this build,
     *         or kernels the driver cannot load
     */
    public static CudaDevice open() throws CudaUnavailable {
        byte[] kernels = kernels();
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // the JCuda library loads only where libcuda.so.1 (the NVIDIA driver) is installed
            String message = String.valueOf(e.getMessage());
            throw new CudaUnavailable(message.contains("libcuda.so")
                    ? "no NVIDIA driver here (libcuda.so.1 is not installed)"
                    : "no NVIDIA driver here (" + firstLine(e) + ")", e);
        } catch (CudaException e) {
            throw new CudaUnavailable("the NVIDIA driver refused to start: " + e.getMessage(), e);
        }
        CUcontext context = null;
        try {
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                throw new CudaUnavailable("the NVIDIA driver is installed but sees no GPU", null);
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, 0);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, device);
            long[] memory = new long[1];
            cuDeviceTotalMem(memory, device);
            int[] major = new int[1];
            int[] minor = new int[1];
            int[] processors = new int[1];
            int[] driver = new int[1];
            cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
            cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
            cuDeviceGetAttribute(processors, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, device);
            cuDriverGetVersion(driver);
            String description = String.format("%s (compute %d.%d, %d SMs, %.1f GiB), driver CUDA %d.%d of %d GPU(s)",
                    new String(name, StandardCharsets.US_ASCII).trim().replace("\0", ""), major[0], minor[0],
                    processors[0], memory[0] / (double) (1L << 30), driver[0] / 1000, driver[0] % 1000 / 10, count[0]);
            context = new CUcontext();
            cuCtxCreate(context, 0, device);
            CUmodule module = new CUmodule();
            try {
                cuModuleLoadData(module, kernels);
            } catch (CudaException e) {
                throw new CudaUnavailable("the GPU cannot load this build's kernels (" + e.getMessage()
                        + "); the driver may be older than the CUDA that built them", e);
            }
            return new CudaDevice(context, module, description);
        } catch (CudaException e) {
            if (context != null) {
                cuCtxDestroy(context);
            }
            throw new CudaUnavailable("the GPU could not be opened: " + e.getMessage(), e);
        } catch (CudaUnavailable e) {
            if (context != null) {
                cuCtxDestroy(context);
            }
            throw e;
        }
    }

    private static byte[] kernels() throws CudaUnavailable {
        try (InputStream in = CudaDevice.class.getResourceAsStream(KERNELS)) {
            if (in == null) {
                throw new CudaUnavailable("this build carries no CUDA kernels (nvcc was not found when it was built)",
                        null);
            }
            byte[] bytes = in.readAllBytes();
            // the driver reads PTX as a C string; a fatbin is unaffected by a trailing zero
            return Arrays.copyOf(bytes, bytes.length + 1);
        } catch (IOException e) {
            throw new CudaUnavailable("the kernels could not be read: " + e, e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** The device and its driver, for people. */
    public String describe() {
        return description;
    }

    /** Makes this device's context current on the calling thread; callers hold the device's lock. */
    void enter() {
        if (closed) {
            throw new IllegalStateException("the GPU was closed (its backend stopped)");
        }
        cuCtxSetCurrent(context);
    }

    CUfunction function(String name) {
        return functions.computeIfAbsent(name, n -> {
            CUfunction function = new CUfunction();
            synchronized (this) {
                enter();
                cuModuleGetFunction(function, module, n);
            }
            return function;
        });
    }

    /**
     * Device memory owned by {@code owner}: freed when the owner is collected (a partial result
     * nobody holds any more), unless the device closed first and freed everything with its context.
     */
    CUdeviceptr allocate(Object owner, long bytes) {
        CUdeviceptr pointer = new CUdeviceptr();
        synchronized (this) {
            enter();
            cuMemAlloc(pointer, Math.max(bytes, 1));
        }
        CLEANER.register(owner, () -> release(pointer));
        return pointer;
    }

    private void release(CUdeviceptr pointer) {
        synchronized (this) {
            if (!closed) {
                cuCtxSetCurrent(context);
                cuMemFree(pointer);
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!closed) {
                closed = true;
                cuCtxDestroy(context);
            }
        }
    }
}
