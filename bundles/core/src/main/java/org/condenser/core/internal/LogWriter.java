package org.condenser.core.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Writes the OSGi log to the console and to a rolling file in the runtime's home. Entries logged
 * before this component started (the log service keeps a backlog) are written first, so a start-up
 * failure is never missing from the file.
 */
@Designate(ocd = LogConfig.class)
@Component(configurationPid = LogConfig.PID, immediate = true)
public final class LogWriter implements LogListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    /**
     * Libraries that log through java.util.logging straight to the console, at INFO, about their
     * own start (SPI Fly, which the web server's slf4j needs, registers each provider aloud): only
     * their warnings are worth a console. Held, because JUL keeps its loggers weakly.
     */
    private static final java.util.logging.Logger SPI_FLY = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    private final LogReaderService reader;
    private final Path home;
    private final PrintStream console = System.err;
    private LogConfig config;
    private RollingLogFile file;

    @Activate
    public LogWriter(BundleContext context, LogConfig config, @Reference LogReaderService reader) {
        this.reader = reader;
        SPI_FLY.setLevel(java.util.logging.Level.WARNING);
        this.home = RuntimeHome.of(context).home();
        apply(config);
        writeBacklog();
        reader.addLogListener(this);
    }

    @Modified
    void modified(LogConfig changed) {
        apply(changed);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
        synchronized (this) {
            closeFile();
        }
    }

    @Override
    public void logged(LogEntry entry) {
        String line = format(entry);
        synchronized (this) {
            if (config.consoleLevel().shows(entry.getLogLevel())) {
                console.print(line);
            }
            if (file != null && config.fileLevel().shows(entry.getLogLevel())) {
                try {
                    file.write(line);
                } catch (IOException e) {
                    console.println("condenser: cannot write log file " + file.path() + ": " + e.getMessage()
                            + "; logging to the console only");
                    closeFile();
                }
            }
        }
    }

    private synchronized void apply(LogConfig changed) {
        this.config = changed;
        Path target = home.resolve(changed.file());
        if (file != null && file.path().equals(target)) {
            return;
        }
        closeFile();
        try {
            file = new RollingLogFile(target, Math.max(16, changed.maxFileSizeKb()) * 1024L,
                    Math.max(0, changed.maxFiles()));
        } catch (IOException e) {
            console.println("condenser: cannot open log file " + target + ": " + e + "; logging to the console only");
        }
    }

    private void writeBacklog() {
        List<LogEntry> backlog = new ArrayList<>();
        Enumeration<LogEntry> entries = reader.getLog();
        while (entries.hasMoreElements()) {
            backlog.add(entries.nextElement());
        }
        // The log service hands out its backlog newest first.
        Collections.reverse(backlog);
        backlog.forEach(this::logged);
    }

    private void closeFile() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (IOException e) {
            console.println("condenser: closing log file " + file.path() + ": " + e.getMessage());
        }
        file = null;
    }

    static String format(LogEntry entry) {
        StringBuilder line = new StringBuilder(160);
        line.append(TIME.format(Instant.ofEpochMilli(entry.getTime()))).append(' ');
        line.append(String.format("%-5s", entry.getLogLevel().name())).append(' ');
        line.append('[').append(entry.getBundle() == null ? "?" : entry.getBundle().getSymbolicName()).append("] ");
        if (entry.getLoggerName() != null && !entry.getLoggerName().startsWith("LogService.")) {
            line.append(entry.getLoggerName()).append(": ");
        }
        line.append(entry.getMessage()).append('\n');
        if (entry.getException() != null) {
            StringWriter trace = new StringWriter();
            entry.getException().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }
}
