package org.condenser.driver.daq.internal.ncem;

import java.util.Map;

import org.condenser.api.data.FrameAllocator;
import org.condenser.api.data.FrameSink;
import org.condenser.api.data.FrameSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/** A 4D Camera raw-frame stream as a frame source; the camera is driven by its own software, so this only listens. */
@Component(service = FrameSource.class, configurationPid = FourDCameraConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "condenser.source.kind=4dcamera")
@Designate(ocd = FourDCameraConfig.class, factory = true)
public final class FourDCameraSource implements FrameSource {

    private final FourDCameraConfig config;
    private final Logger log;
    private final Object lock = new Object();
    private FourDCameraReceiver receiver;
    private Map<String, Long> lastCounts = Map.of();
    private volatile String lastProblem = "";

    @Activate
    public FourDCameraSource(FourDCameraConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        if (config.name() == null || config.name().isBlank() || config.endpoint() == null) {
            throw new IllegalArgumentException(FourDCameraConfig.PID + ": a stream needs a name and an endpoint");
        }
        this.config = config;
        this.log = log;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public void start(FrameAllocator memory, FrameSink sink) {
        synchronized (lock) {
            if (receiver != null) {
                throw new IllegalStateException("source " + name() + " is already running");
            }
            receiver = new FourDCameraReceiver(config.endpoint(), config.frameHeight(), config.frameWidth(), memory, sink,
                    what -> {
                        lastProblem = what;
                        log.warn("{}: {}", name(), what);
                    }).start();
        }
    }

    @Override
    public void stop() {
        FourDCameraReceiver stopping;
        synchronized (lock) {
            stopping = receiver;
            receiver = null;
        }
        if (stopping != null) {
            try {
                stopping.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (lock) {
                lastCounts = stopping.counts();
            }
        }
    }

    @Override
    public Map<String, Long> counts() {
        synchronized (lock) {
            return receiver != null ? receiver.counts() : lastCounts;
        }
    }

    @Override
    public String lastProblem() {
        return lastProblem;
    }

    @Deactivate
    void deactivate() {
        stop();
    }
}
