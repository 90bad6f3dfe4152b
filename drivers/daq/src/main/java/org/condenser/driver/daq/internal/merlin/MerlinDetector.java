package org.condenser.driver.daq.internal.merlin;

import java.io.IOException;

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

/**
 * A Merlin as a frame source: starting it connects the data channel and, when Condenser controls the
 * detector, sets counter depth, binary format, frame count and internal trigger, then starts the
 * acquisition — on the source's own thread, so {@link #start} returns at once.
 */
@Component(service = FrameSource.class, configurationPid = MerlinConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "condenser.source.kind=merlin")
@Designate(ocd = MerlinConfig.class, factory = true)
public final class MerlinDetector extends ReceiverSource {

    private final MerlinConfig config;
    private final int[] scanShape;

    @Activate
    public MerlinDetector(MerlinConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        super(MerlinConfig.PID, config.name(), log);
        if (config.counterDepth() != 6 && config.counterDepth() != 12 && config.counterDepth() != 24) {
            throw new IllegalArgumentException(MerlinConfig.PID + " " + config.name() + ": counterDepth "
                    + config.counterDepth() + " is not 6, 12 or 24");
        }
        if ((config.scanHeight() == 0) != (config.scanWidth() == 0)) {
            throw new IllegalArgumentException(MerlinConfig.PID + " " + config.name() + ": scanHeight and scanWidth must "
                    + "both be set or both be 0");
        }
        this.config = config;
        this.scanShape = config.scanHeight() > 0 ? new int[] { config.scanHeight(), config.scanWidth() } : new int[0];
    }

    @Override
    protected Receiving open(FrameAllocator memory, FrameSink sink) {
        return new MerlinReceiver(config.host(), config.dataPort(), scanShape, memory, sink, this::problem).start();
    }

    @Override
    protected void started() {
        if (config.control()) {
            Thread control = new Thread(this::acquire, "condenser-merlin-control-" + name());
            control.setDaemon(true);
            control.start();
        }
    }

    private void acquire() {
        long frames = scanShape.length == 2 ? (long) scanShape[0] * scanShape[1] : config.frames();
        try {
            Thread.sleep(200); // the data channel connects first
            try (MerlinControl merlin = new MerlinControl(config.host(), config.controlPort(), 5000)) {
                merlin.set("COUNTERDEPTH", config.counterDepth());
                merlin.set("FILEFORMAT", 0);
                merlin.set("NUMFRAMESTOACQUIRE", frames);
                merlin.set("TRIGGERSTART", 0);
                merlin.set("ACQUISITIONTIME", Math.max(1, Math.round(config.acquisitionTimeMillis())));
                merlin.command("STARTACQUISITION");
                log.info("{}: acquisition of {} frames started", name(), frames);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failed("the Merlin at " + config.host() + ":" + config.controlPort() + " could not be set up: "
                    + e.getMessage());
        }
    }

    @Override
    protected void stopping() {
        if (config.control()) {
            try (MerlinControl merlin = new MerlinControl(config.host(), config.controlPort(), 2000)) {
                merlin.command("STOPACQUISITION");
            } catch (IOException e) {
                problem("stop failed: " + e.getMessage());
            }
        }
    }
}
