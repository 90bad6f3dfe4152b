package org.condenser.driver.daq.internal.dectris;

import org.condenser.driver.daq.internal.CameraExposures;

import java.io.IOException;
import java.util.function.Supplier;

import org.condenser.api.data.FrameCodecs;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.Instrument;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The demo's simulated DECTRIS unit: SIMPLON REST and stream v2 on loopback, exposing the frames of
 * an instrument camera's 4D-STEM scan. A port already in use fails activation with that reason.
 */
@Component(service = SimulatedDetector.class, immediate = true, configurationPid = SimulatedDetectorConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatedDetectorConfig.class, factory = true)
public final class SimulatedDetector {

    private final SimulatedDcu dcu;

    @Activate
    public SimulatedDetector(SimulatedDetectorConfig config, @Reference(name = "instrument") Instrument instrument,
            @Reference FrameCodecs codecs, @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        Supplier<Camera> camera = () -> instrument.capability(Camera.class).orElseThrow(() -> new IllegalStateException(
                "instrument " + instrument.id() + " has no camera (yet: is it still initialising?)"));
        try {
            this.dcu = new SimulatedDcu(config.restPort(), "tcp://127.0.0.1:" + config.streamPort(),
                    new CameraExposures(camera, config.scanWidth(), config.fieldOfView(), config.binning()), codecs,
                    log::info);
        } catch (IOException | RuntimeException e) {
            throw new IOException(SimulatedDetectorConfig.PID + ": cannot serve on REST port " + config.restPort()
                    + " and stream port " + config.streamPort() + " (" + e.getMessage() + ")", e);
        }
        log.info("simulated DECTRIS unit for {}: REST http://127.0.0.1:{}, stream tcp://127.0.0.1:{}", instrument.id(),
                dcu.restPort(), dcu.streamPort());
    }

    @Deactivate
    void deactivate() {
        dcu.close();
    }
}
