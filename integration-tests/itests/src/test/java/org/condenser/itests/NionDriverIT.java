package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.condenser.api.instrument.ProbePosition;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanController;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.api.instrument.Spectrometer;
import org.condenser.api.instrument.StatusDetail;
import org.condenser.api.instrument.StatusState;
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

/**
 * The Nion driver against a real Pyro4 daemon running Condenser's companion over a stand-in of
 * Swift's STEM controller: properties by Swift's names, scan, spectra at positions, camera frames,
 * the HMAC key, and a daemon that dies and comes back.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class NionDriverIT {

    private static final String KEY = "a shared secret for the test";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurations;

    private SwiftCompanion swift;
    private Configuration configuration;

    @BeforeEach
    void startSwift() throws Exception {
        swift = new SwiftCompanion(context, Path.of(context.getProperty("condenser.home"), "nion-it"), KEY).start();
    }

    @AfterEach
    void stopSwift() throws Exception {
        if (configuration != null) {
            configuration.delete();
        }
        swift.close();
    }

    private Instrument connect(String id, Map<String, Object> settings) throws Exception {
        configuration = configurations.getFactoryConfiguration("org.condenser.driver.nion", id, "?");
        Hashtable<String, Object> properties = new Hashtable<>(settings);
        properties.put("id", id);
        properties.put("host", "127.0.0.1");
        properties.put("port", swift.port);
        properties.put("reconnectInterval", 0.2);
        properties.put("callTimeout", 5.0);
        configuration.update(properties);
        Instrument[] found = new Instrument[1];
        Await.until("instrument " + id + " is registered", () -> (found[0] = Instruments.find(context, id)) != null);
        return found[0];
    }

    @Test
    void propertiesScanSpectraAndFramesTravelThroughPyroWithTheKey() throws Exception {
        Instrument nion = connect("nion-it", Map.of("hmacKeyFile", swift.keyFile.toString()));
        Await.until("nion-it is online", () -> nion.status().isOnline(), () -> nion.status() + "\n" + swift.logText());

        List<ReadResult> read = nion.read(List.of(PropertyNames.HIGH_TENSION, PropertyNames.DEFOCUS, "nion:C30",
                PropertyNames.BLANKER, "nion:C99"));
        assertThat(read.get(0).value()).isEqualTo(100000.0);
        assertThat(read.get(1).value()).isEqualTo(0.0);
        assertThat(read.get(2).value()).isEqualTo(1.2e-6);
        assertThat(read.get(3).value()).isEqualTo(false);
        assertThat(read.get(4).status()).isEqualTo(RecordStatus.UNKNOWN_PROPERTY);

        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put(PropertyNames.DEFOCUS, 2e-8);
        batch.put("nion:EHT", 60000.0);
        batch.put("nion:C12.x", 1e-9);
        List<WriteResult> written = nion.write(batch);
        assertThat(written).extracting(WriteResult::status).containsExactly(RecordStatus.OK, RecordStatus.REFUSED,
                RecordStatus.OK);
        assertThat(written.get(1).message()).contains("nion:EHT = 60000", "rule 'forbidden high_tension'");
        assertThat(nion.read(List.of("nion:C10", PropertyNames.HIGH_TENSION))).extracting(ReadResult::value)
                .containsExactly(2e-8, 100000.0);

        ScanController scan = nion.capability(ScanController.class).orElseThrow();
        assertThat(scan.frameParameters()).isEqualTo(new ScanParameters(256, 256, 8e-9, 10e-6, 0));
        List<DataArray> images = scan.record(new ScanParameters(32, 32, 4e-9, 10e-6, 0),
                List.of(ScanChannel.HAADF, ScanChannel.MAADF));
        DataArray haadf = images.get(0);
        assertThat(haadf.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(haadf.shape()).containsExactly(32, 32);
        assertThat(haadf.axes().get(1).unit()).isEqualTo("m");
        assertThat(haadf.axes().get(1).step()).isCloseTo(4e-9 / 32, within(1e-15));
        assertThat(haadf.getDouble(0)).isEqualTo(200.0);
        assertThat(images.get(1).getDouble(0)).isEqualTo(80.0);

        scan.moveProbe(new ProbePosition(0.25, 0.5));
        assertThat(scan.probePosition()).contains(new ProbePosition(0.25, 0.5));
        DataArray spectra = nion.capability(Spectrometer.class).orElseThrow()
                .spectrumImage(List.of(new ProbePosition(0.5, 0.0), new ProbePosition(0.5, 1.0)), 0.01);
        assertThat(spectra.shape()).containsExactly(2, 1024);
        assertThat(spectra.axes().get(1).unit()).isEqualTo("eV");
        assertThat(plasmonPeak(spectra, 0)).isCloseTo(15.0, within(0.5));
        assertThat(plasmonPeak(spectra, 1)).isCloseTo(19.0, within(0.5));
        assertThat(scan.probePosition()).as("the probe returns where it was").contains(new ProbePosition(0.25, 0.5));

        DataArray frame = nion.capability(Camera.class).orElseThrow().acquire(new CameraParameters(0.005, 2));
        assertThat(frame.dtype()).isEqualTo(DType.UINT16);
        assertThat(frame.shape()).containsExactly(64, 64);
        assertThat(frame.getDouble(5)).as("big-endian pixels arrive as their values").isEqualTo(5.0);
        assertThat(frame.getDouble(64 * 10 + 3)).isEqualTo(643.0);
    }

    private static double plasmonPeak(DataArray spectra, int row) {
        int channels = spectra.shape()[1];
        int best = -1;
        for (int c = 0; c < channels; c++) {
            double energy = spectra.axes().get(1).coordinate(c);
            if (energy > 8 && energy < 30 && (best < 0 || spectra.getDouble((long) row * channels + c)
                    > spectra.getDouble((long) row * channels + best))) {
                best = c;
            }
        }
        return spectra.axes().get(1).coordinate(best);
    }

    @Test
    void aWrongKeyLeavesTheDriverOfflineSayingSo() throws Exception {
        Instrument nion = connect("nion-wrong-key", Map.of("hmacKey", "not the key"));
        Await.until("the key is refused", () -> nion.status().detail() == StatusDetail.AUTHENTICATION_ERROR,
                () -> nion.status().toString());
        assertThat(nion.status().state()).isEqualTo(StatusState.OFFLINE);
        assertThat(nion.status().message()).contains("refused our HMAC key", "127.0.0.1:" + swift.port);
        ReadResult read = nion.read(List.of(PropertyNames.DEFOCUS)).get(0);
        assertThat(read.status()).isEqualTo(RecordStatus.FAILED);
        assertThat(read.message()).contains("nion-wrong-key is not connected");
    }

    @Test
    void aKilledDaemonIsACommunicationErrorAndTheDriverReconnectsWhenItReturns() throws Exception {
        Instrument nion = connect("nion-restart", Map.of("hmacKeyFile", swift.keyFile.toString()));
        Await.until("online", () -> nion.status().isOnline(), () -> nion.status().toString());
        assertThat(nion.read(List.of(PropertyNames.DEFOCUS)).get(0).isOk()).isTrue();

        swift.kill();
        ReadResult during = nion.read(List.of(PropertyNames.DEFOCUS)).get(0);
        assertThat(during.status()).isEqualTo(RecordStatus.FAILED);
        Await.until("the loss is a communication error",
                () -> nion.status().detail() == StatusDetail.COMMUNICATION_ERROR, () -> nion.status().toString());
        assertThat(nion.status().state()).isEqualTo(StatusState.OFFLINE);

        swift.start();
        Await.until("back online", Duration.ofSeconds(30), () -> nion.status().isOnline(), () -> nion.status().toString());
        assertThat(nion.read(List.of(PropertyNames.DEFOCUS)).get(0).isOk()).isTrue();
    }
}
