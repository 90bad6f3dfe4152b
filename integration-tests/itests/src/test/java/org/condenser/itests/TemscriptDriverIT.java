package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.CameraParameters;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.api.instrument.Stage;
import org.condenser.api.instrument.StagePosition;
import org.condenser.api.instrument.StatusDetail;
import org.condenser.api.instrument.WriteResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** The ThermoFisher driver against a stand-in that speaks the temscript protocol as `temscript-server --null` does. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class TemscriptDriverIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurations;

    private Process server;
    private int port;
    private Path log;
    private Configuration configuration;

    @BeforeEach
    void startServer() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path work = Path.of(context.getProperty("condenser.home"), "temscript-it");
        Files.createDirectories(work);
        log = work.resolve("server.log");
        start();
    }

    private void start() throws Exception {
        Path script = Path.of(context.getProperty("condenser.itest.python"), "temscript_null_server.py");
        server = Python.start(script, log, "--host", "127.0.0.1", "--port", String.valueOf(port));
        Await.until("the temscript stand-in listens", Duration.ofSeconds(30), () -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, () -> "see " + log);
    }

    @AfterEach
    void stop() throws Exception {
        if (configuration != null) {
            configuration.delete();
        }
        server.destroyForcibly().waitFor();
    }

    private Instrument connect() throws Exception {
        configuration = configurations.getFactoryConfiguration("org.condenser.driver.thermofisher", "it", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("id", "tem-it");
        properties.put("url", "http://127.0.0.1:" + port);
        properties.put("reconnectInterval", 0.2);
        properties.put("timeout", 5.0);
        configuration.update(properties);
        Instrument[] found = new Instrument[1];
        Await.until("tem-it is registered and online",
                () -> (found[0] = Instruments.find(context, "tem-it")) != null && found[0].status().isOnline(),
                () -> found[0] == null ? "not registered" : found[0].status().toString());
        return found[0];
    }

    @Test
    void propertiesStageCamerasAndStemThroughTheProtocol() throws Exception {
        Instrument tem = connect();
        assertThat(tem.model()).isEqualTo("NULL (temscript 2.0.1)");
        List<ReadResult> read = tem.read(List.of(PropertyNames.HIGH_TENSION, PropertyNames.STAGE_ALPHA,
                PropertyNames.COLUMN_VACUUM, "temscript:magnification_index"));
        assertThat(read).extracting(ReadResult::value).containsExactly(200_000.0, 0.0, 2.5e-6, 10L);

        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put(PropertyNames.DEFOCUS, -2e-7);
        batch.put("temscript:magnification_index", 55L);
        batch.put("temscript:beam_shift", List.of(1e-8, -2e-8));
        batch.put(PropertyNames.HIGH_TENSION, 300_000.0);
        List<WriteResult> written = tem.write(batch);
        assertThat(written).extracting(WriteResult::status).containsExactly(RecordStatus.OK, RecordStatus.FAILED,
                RecordStatus.OK, RecordStatus.NOT_WRITABLE);
        assertThat(written.get(1).message()).contains("the microscope raised an error on PUT magnification_index (500");
        assertThat(tem.read(List.of(PropertyNames.DEFOCUS, "temscript:beam_shift", "temscript:magnification_index")))
                .extracting(ReadResult::value).containsExactly(-2e-7, List.of(1e-8, -2e-8), 10L);

        Stage stage = tem.capability(Stage.class).orElseThrow();
        assertThat(stage.upperLimits().x()).isEqualTo(1e-3);
        stage.moveTo(new StagePosition(2e-6, -3e-6, 1e-7, 0.1, 0));
        assertThat(stage.position()).isEqualTo(new StagePosition(2e-6, -3e-6, 1e-7, 0.1, 0));
        InstrumentException tooFar = assertThrows(InstrumentException.class,
                () -> stage.moveTo(new StagePosition(2e-3, 0, 0, 0, 0)));
        assertThat(tooFar.status()).isEqualTo(RecordStatus.OUT_OF_RANGE);
        assertThat(tooFar.getMessage()).contains("stage_x = 0.002 is outside the stage's range -0.001..0.001");

        Camera ccd = tem.capability(Camera.class).orElseThrow();
        assertThat(ccd.name()).isEqualTo("CCD");
        DataArray image = ccd.acquire(new CameraParameters(0.1, 8));
        assertThat(image.dtype()).isEqualTo(DType.INT16);
        assertThat(image.shape()).containsExactly(256, 256);
        assertThat(image.getDouble(256 * 3 + 7)).isEqualTo(775.0);

        ScanController stem = tem.capability(ScanController.class).orElseThrow();
        DataArray haadf = stem.record(new ScanParameters(512, 512, 1e-8, 2e-6, 0), List.of(ScanChannel.HAADF)).get(0);
        assertThat(haadf.dtype()).isEqualTo(DType.UINT16);
        assertThat(haadf.getDouble(513)).as("big-endian pixels decoded").isEqualTo(513.0);
        InstrumentException noMaadf = assertThrows(InstrumentException.class,
                () -> stem.record(new ScanParameters(64, 64, 1e-8, 2e-6, 0), List.of(ScanChannel.MAADF)));
        assertThat(noMaadf.status()).isEqualTo(RecordStatus.UNSUPPORTED);
        assertThat(noMaadf.getMessage()).isEqualTo("tem-it has no MAADF detector; it has HAADF");
    }

    @Test
    void aServerThatGoesAwayIsACommunicationErrorUntilItReturns() throws Exception {
        Instrument tem = connect();
        server.destroyForcibly().waitFor();
        assertThat(tem.read(List.of(PropertyNames.DEFOCUS)).get(0).status()).isEqualTo(RecordStatus.FAILED);
        Await.until("a communication error", () -> tem.status().detail() == StatusDetail.COMMUNICATION_ERROR,
                () -> tem.status().toString());
        start();
        Await.until("back online", () -> tem.status().isOnline(), () -> tem.status().toString());
        assertThat(tem.read(List.of(PropertyNames.DEFOCUS)).get(0).isOk()).isTrue();
    }
}
