package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.data.DataArray;
import org.condenser.api.data.EmdContent;
import org.condenser.api.data.EmdDialect;
import org.condenser.api.data.EmdFile;
import org.condenser.api.data.EmdFiles;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The EMD bundle inside the framework (jhdf embedded in it): an acquisition written, read back, summarised. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class EmdIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    EmdFiles emd;

    @InjectService(filter = "(condenser.instrument.id=sim-stem)", timeout = 20_000)
    Instrument sim;

    @InjectService
    CommandProcessor shell;

    @Test
    void anAcquisitionIsWrittenReadBackAndSummarised() throws Exception {
        Await.until("the simulated STEM is online", () -> sim.status().isOnline());
        DataArray haadf = sim.capability(ScanController.class).orElseThrow()
                .record(new ScanParameters(32, 48, 4e-9, 2e-6, 0), List.of(ScanChannel.HAADF)).get(0);
        Path file = Path.of(context.getProperty("condenser.home"), "emd-it", "haadf.emd");
        emd.write(file, new EmdContent(List.of(haadf), Map.of("microscope", Map.of("instrument", "sim-stem"))),
                EmdDialect.EMD_0_2);

        try (EmdFile read = emd.open(file)) {
            assertThat(read.dialect()).isEqualTo("EMD 0.2");
            DataArray back = read.read(read.arrays().get(0).path());
            assertThat(back.shape()).containsExactly(32, 48);
            assertThat(back.data()).isEqualTo(haadf.data());
        }

        assertThat(Python.run("""
                import sys, h5py
                with h5py.File(sys.argv[1], 'r') as f:
                    d = f['data/HAADF/data']
                    print(d.shape, d.dtype, f['data/HAADF/dim1'].attrs['name'].decode())
                """, file.toString()).trim()).as("h5py opens it: the file holds the transpose, as HyperSpy stores it")
                .isEqualTo("(48, 32) float32 x");

        Shell.Result summary = Shell.run(shell, "cnd:emd " + file);
        assertThat(summary.failure()).isNull();
        assertThat(summary.output()).contains(file + ": EMD 0.2, 1 array", "HAADF  float32[32, 48] counts",
                "instrument = sim-stem").containsPattern("x\\s+48 x 8\\.333e-11\\s+from 0\\.000\\s+m");

        Shell.Result missing = Shell.run(shell, "cnd:emd " + file.resolveSibling("nothing.emd"));
        assertThat(missing.failure()).hasMessage(file.resolveSibling("nothing.emd") + " does not exist or is not a file");
    }
}
