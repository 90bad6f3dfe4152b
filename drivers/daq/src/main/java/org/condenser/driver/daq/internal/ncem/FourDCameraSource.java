package org.condenser.driver.daq.internal.ncem;

import org.condenser.api.data.FrameAllocator;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.FrameSource;
import org.condenser.driver.daq.internal.ReceiverSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** A 4D Camera raw-frame stream as a frame source; the camera is driven by its own software, so this only listens. */
@Component(service = FrameSource.class, configurationPid = FourDCameraConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "condenser.source.kind=4dcamera")
@Designate(ocd = FourDCameraConfig.class, factory = true)
public final class FourDCameraSource extends ReceiverSource {

    private final FourDCameraConfig config;

    @Activate
    public FourDCameraSource(FourDCameraConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        super(FourDCameraConfig.PID, config.name(), log);
        if (config.endpoint() == null || config.endpoint().isBlank()) {
            throw new IllegalArgumentException(FourDCameraConfig.PID + " " + config.name() + ": no endpoint to listen to");
        }
        this.config = config;
    }

    @Override
    protected Receiving open(FrameAllocator memory, FrameSink sink) {
        return new FourDCameraReceiver(config.endpoint(), config.frameHeight(), config.frameWidth(), memory, sink,
                this::problem).start();
    }
}
