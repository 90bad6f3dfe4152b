package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.analysis.ComputeBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The CUDA bundle in a running framework: it starts everywhere, looks for a GPU with the JCuda driver
 * library it carries, and registers its backend exactly where a GPU is; the CPU backend is always
 * there, and the shell says where analyses run and why there is no GPU.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ComputeBackendIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    CommandProcessor shell;

    @Test
    void theCudaBackendRegistersExactlyWhereAGpuIsAndTheShellSaysWhy() throws Exception {
        Bundle cuda = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.condenser.analysis.cuda")).findFirst().orElseThrow();
        assertThat(cuda.getState()).as("the CUDA bundle starts with or without a GPU").isEqualTo(Bundle.ACTIVE);

        String[] probe = new String[1];
        Await.until("the CUDA probe finishes", () -> {
            probe[0] = Shell.run(shell, "cnd:cuda").output();
            return !probe[0].contains("looking for a GPU");
        }, () -> probe[0]);

        boolean gpu = Files.exists(Path.of("/dev/nvidia0"));
        Collection<ServiceReference<ComputeBackend>> cudaBackends = context.getServiceReferences(ComputeBackend.class,
                "(" + ComputeBackend.NAME + "=cuda)");
        assertThat(context.getServiceReferences(ComputeBackend.class, "(" + ComputeBackend.NAME + "=cpu)")).hasSize(1);
        String backends = Shell.run(shell, "cnd:backends").output();
        if (gpu) {
            assertThat(probe[0]).startsWith("cuda: registered: ");
            assertThat(cudaBackends).hasSize(1);
            assertThat(backends).contains("analyses run on: cuda");
        } else {
            // the driver library was found inside the bundle and loaded; only the NVIDIA driver beneath it is missing
            assertThat(probe[0]).contains("not available: no NVIDIA driver here (libcuda.so.1 is not installed)");
            assertThat(cudaBackends).isEmpty();
            assertThat(backends).contains("cpu  ").contains("analyses run on: cpu");
        }
    }
}
