package org.condenser.broker.internal;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.osgi.service.log.Logger;

/**
 * Moquette and Netty log through slf4j to java.util.logging inside this bundle; this handler hands
 * their warnings and errors to the OSGi log and keeps the rest (Moquette logs every packet at
 * INFO) out of it. The JUL loggers are held here because JUL keeps only weak references to them.
 */
final class BrokerLog extends Handler {

    private final Logger log;
    private final List<java.util.logging.Logger> loggers;

    private BrokerLog(Logger log, List<java.util.logging.Logger> loggers) {
        this.log = log;
        this.loggers = loggers;
    }

    /** Routes the embedded libraries' logs to {@code log} until {@link #close()}. */
    static BrokerLog install(Logger log) {
        List<java.util.logging.Logger> loggers = List.of(java.util.logging.Logger.getLogger("io.moquette"),
                java.util.logging.Logger.getLogger("io.netty"));
        BrokerLog handler = new BrokerLog(log, loggers);
        for (java.util.logging.Logger logger : loggers) {
            logger.setLevel(Level.WARNING);
            logger.setUseParentHandlers(false);
            logger.addHandler(handler);
        }
        return handler;
    }

    @Override
    public void publish(LogRecord record) {
        String message = "broker: " + record.getLoggerName() + ": " + record.getMessage();
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            log.error(message, record.getThrown());
        } else if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            log.warn(message, record.getThrown());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (java.util.logging.Logger logger : loggers) {
            logger.removeHandler(this);
        }
    }
}
