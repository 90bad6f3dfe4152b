package org.condenser.driver.daq.internal.dectris;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * A DECTRIS detector as a frame source. Starting it connects the stream receiver and, when
 * Condenser controls the detector, enables the CBOR stream, configures the series (images, internal
 * trigger, exposure, compression), arms, triggers and, when the images are in, disarms — all on the
 * source's own control thread, so {@link #start} returns at once.
 */
@Component(service = FrameSource.class, configurationPid = DectrisConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "condenser.source.kind=dectris")
@Designate(ocd = DectrisConfig.class, factory = true)
public final class DectrisDetector extends ReceiverSource {

    private final DectrisConfig config;
    private final int[] scanShape;
    private volatile Thread control;

    @Activate
    public DectrisDetector(DectrisConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        super(DectrisConfig.PID, config.name(), log);
        if ((config.scanHeight() == 0) != (config.scanWidth() == 0)) {
            throw new IllegalArgumentException(DectrisConfig.PID + " " + config.name() + ": scanHeight "
                    + config.scanHeight() + " and scanWidth " + config.scanWidth() + " must both be set or both be 0");
        }
        this.config = config;
        this.scanShape = config.scanHeight() > 0 ? new int[] { config.scanHeight(), config.scanWidth() } : new int[0];
    }

    @Override
    protected Receiving open(FrameAllocator memory, FrameSink sink) {
        return new DectrisReceiver(config.stream(), scanShape, memory, sink, this::problem).start();
    }

    @Override
    protected void started() {
        if (config.control()) {
            Thread thread = new Thread(this::acquire, "condenser-dectris-control-" + name());
            thread.setDaemon(true);
            control = thread;
            thread.start();
        }
    }

    /** One series: configure, arm, trigger, disarm. */
    private void acquire() {
        SimplonApi api = api();
        long images = scanShape.length == 2 ? (long) scanShape[0] * scanShape[1] : config.images();
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("nimages", images);
        series.put("ntrigger", 1L);
        series.put("trigger_mode", "ints");
        series.put("count_time", config.countTime());
        series.put("frame_time", config.countTime());
        series.put("compression", config.compression());
        try {
            // the receiver connects first: a PUSH socket sends to no one until a PULL is there
            Thread.sleep(200);
            api.enableStream();
            api.configure(series);
            long id = api.arm();
            log.info("{}: series {} armed for {} images", name(), id, images);
            api.trigger(Duration.ofSeconds(config.seriesTimeoutSeconds()));
            api.disarm();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disarmQuietly(api);
        } catch (IOException e) {
            disarmQuietly(api);
            failed("the detector at " + config.api() + " could not be set up: " + describe(e));
        }
    }

    private SimplonApi api() {
        return new SimplonApi(config.api(), Duration.ofSeconds(config.requestTimeoutSeconds()));
    }

    private void disarmQuietly(SimplonApi api) {
        try {
            api.disarm();
        } catch (IOException e) {
            problem("disarm failed: " + describe(e));
        }
    }

    /** An exception for people: java.net.http gives a ConnectException no message. */
    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage()
                : e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    @Override
    protected void stopping() {
        Thread controlling = control;
        control = null;
        if (controlling != null && controlling.isAlive()) {
            disarmQuietly(api());
            controlling.interrupt();
            try {
                controlling.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
