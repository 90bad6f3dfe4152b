package org.condenser.analysis.cuda.internal;

import java.util.Hashtable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.analysis.ComputeBackend;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Looks for a GPU when the bundle starts and registers the CUDA backend only if one opens; otherwise
 * it logs why (no driver, no device, no kernels in this build) and the CPU serves every analysis.
 * Opening a GPU can take seconds, so it happens on this component's own thread.
 */
@Component(immediate = true, service = CudaBackendComponent.class, property = { "osgi.command.scope=cnd",
        "osgi.command.function=cuda" })
public final class CudaBackendComponent {

    private final BundleContext context;
    private final Logger log;
    private final ExecutorService probe = Executors.newSingleThreadExecutor(r -> new Thread(r, "cuda-probe"));
    private CudaDevice device;
    private ServiceRegistration<ComputeBackend> registration;
    private boolean stopped;
    /** What the probe found, for {@code cnd:cuda}. */
    private volatile String state = "looking for a GPU";

    @Activate
    public CudaBackendComponent(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.log = log;
        probe.execute(this::open);
    }

    private void open() {
        CudaDevice opened;
        try {
            opened = CudaDevice.open();
        } catch (CudaUnavailable e) {
            state = "not available: " + e.getMessage() + "; analyses run on the CPU";
            log.info("no CUDA backend: {}; analyses run on the CPU", e.getMessage());
            return;
        } catch (RuntimeException | LinkageError e) {
            state = "not available: opening the GPU failed (" + e + "); analyses run on the CPU";
            log.warn("no CUDA backend: opening the GPU failed; analyses run on the CPU", e);
            return;
        }
        synchronized (this) {
            if (stopped) {
                opened.close();
                return;
            }
            device = opened;
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(ComputeBackend.NAME, "cuda");
            properties.put("condenser.compute.device", opened.describe());
            registration = context.registerService(ComputeBackend.class, new CudaBackend(opened), properties);
        }
        state = "registered: " + opened.describe();
        log.info("CUDA backend registered: {}", opened.describe());
    }

    @Descriptor("the CUDA backend: the GPU it runs on, or why there is none")
    public void cuda() {
        System.out.println("cuda: " + state);
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            stopped = true;
            if (registration != null) {
                registration.unregister();
                registration = null;
            }
            if (device != null) {
                device.close();
                device = null;
            }
        }
        probe.shutdownNow();
    }
}
