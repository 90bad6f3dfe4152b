package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Live 4D-STEM as the demo runs it: the simulated STEM's 4D scan streamed by the simulated DECTRIS
 * unit (SIMPLON REST, stream v2, bslz4), received, decoded where the virtual detector needs pixels,
 * reduced to a virtual image written as EMD and opened by h5py; the live figures on the way; and
 * what the shell says to wrong commands.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class StreamIT {

    private static final Pattern WRITTEN = Pattern.compile("\\n\\s+(\\S+\\.emd)");

    @InjectBundleContext
    BundleContext context;

    @InjectService
    CommandProcessor shell;

    @Test
    void theSimulatedScanStreamsIntoAVirtualImageWithLiveFigures() throws Exception {
        Await.until("the simulated detector's source is there",
                () -> Shell.run(shell, "cnd:stream").output().contains("arina"));
        assertThat(Shell.run(shell, "cnd:pipelines").output()).contains("no stream is running");

        String before = Shell.run(shell, "cnd:stream").output(); // other tests may have streamed already
        Shell.Result started = Shell.run(shell, "cnd:stream start arina bf:0.3");
        assertThat(started.failure()).isNull();
        assertThat(started.output()).contains("streaming arina into bf:0.3 on this node");
        Await.until("the series is reduced", () -> {
            String now = Shell.run(shell, "cnd:stream").output();
            return !now.equals(before) && now.contains("complete");
        }, () -> Shell.run(shell, "cnd:pipelines").output());
        String live = Shell.run(shell, "cnd:pipelines").output();
        assertThat(live).contains("arina/reduce", "BLOCK", "memory:", "frames=4096", "malformed=0", "pool full=0",
                "series reduced=1");
        String result = Shell.run(shell, "cnd:stream").output();
        assertThat(result).contains("4096 frames", "virtual bf 0.00-0.30 64x64");
        assertThat(Shell.run(shell, "cnd:stream stop arina").output()).contains("stopped arina");

        Matcher written = WRITTEN.matcher(result);
        assertThat(written.find()).as(result).isTrue();
        Path file = Path.of(written.group(1)).toAbsolutePath();
        String read = Python.run("""
                import sys, h5py, numpy
                with h5py.File(sys.argv[1], 'r') as f:
                    group = f['data'][list(f['data'])[0]]
                    image = group['data'][()]
                    print(image.shape, image.dtype, int(image.min() > 0), '%.3f' % (image.std() / image.mean()))
                """, file.toString());
        assertThat(read).as("a bright-field image: every position lit, with contrast").startsWith("(64, 64) float32 1 ");
        assertThat(Double.parseDouble(read.strip().split(" ")[4])).isGreaterThan(0.001);
    }

    @Test
    void wrongCommandsAreAnsweredWithWhatWasWrong() {
        Shell.Result unknown = Shell.run(shell, "cnd:stream start nosuch");
        assertThat(unknown.failure()).hasMessageContaining("no frame source 'nosuch'; sources: ").hasMessageContaining("arina");
        assertThat(Shell.run(shell, "cnd:stream start arina annular:0.8:0.2").failure())
                .hasMessageContaining("'annular:0.8:0.2': radii must satisfy 0 <= inner < outer");
        assertThat(Shell.run(shell, "cnd:stream start arina donut").failure())
                .hasMessageContaining("'donut' is not a virtual detector");
        assertThat(Shell.run(shell, "cnd:stream stop nosuch").failure()).hasMessageContaining("source nosuch is not streaming");
        assertThat(Shell.run(shell, "cnd:stream frobnicate").failure()).hasMessageContaining("say start, stop");
    }
}
