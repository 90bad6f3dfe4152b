package org.condenser.driver.daq.internal.merlin;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.condenser.api.data.DType;
import org.condenser.driver.daq.internal.Exposures;

/**
 * A simulated Quantum Detectors Merlin on loopback: the control channel (SET/GET/CMD with reply
 * codes) and the data channel, which carries an {@code HDR} acquisition header and then one
 * {@code MQ1} frame per exposure, big-endian, in the counter depth set (6 → U08, 12 → U16,
 * 24 → U32). Internal trigger ({@code TRIGGERSTART 0}) streams at once; software trigger
 * ({@code 5}) waits for {@code SOFTTRIGGER}. Used by the tests, the benchmarks and the demo.
 */
public final class MerlinSimulator implements AutoCloseable {

    private static final int DATA_OFFSET = 384;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final ServerSocket control;
    private final ServerSocket data;
    private final Exposures exposures;
    private final Consumer<String> log;
    private final Map<String, Long> settings = new ConcurrentHashMap<>(Map.of("COUNTERDEPTH", 12L, "FILEFORMAT", 0L,
            "NUMFRAMESTOACQUIRE", 1L, "TRIGGERSTART", 0L, "ACQUISITIONTIME", 1L));
    private final Object lock = new Object();
    private volatile OutputStream dataOut;
    private volatile boolean acquiring;
    private volatile boolean stopRequested;
    private volatile boolean open = true;
    private boolean waitingForTrigger;

    public MerlinSimulator(int controlPort, int dataPort, Exposures exposures, Consumer<String> log) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.control = new ServerSocket(controlPort, 4, loopback);
        this.data = new ServerSocket(dataPort, 4, loopback);
        this.exposures = exposures;
        this.log = log;
        daemon("condenser-merlin-sim-control", this::serveControl);
        daemon("condenser-merlin-sim-data", this::serveData);
    }

    public int controlPort() {
        return control.getLocalPort();
    }

    public int dataPort() {
        return data.getLocalPort();
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void serveData() {
        while (open) {
            try {
                Socket client = data.accept();
                client.setTcpNoDelay(true);
                dataOut = new BufferedOutputStream(client.getOutputStream(), 1 << 20);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveControl() {
        while (open) {
            try (Socket client = control.accept()) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                OutputStream out = client.getOutputStream();
                byte[] prefix = new byte[MerlinMessages.PREFIX];
                while (true) {
                    in.readFully(prefix);
                    byte[] body = new byte[MerlinMessages.length(prefix)];
                    in.readFully(body);
                    byte[] reply = answer(new String(body, StandardCharsets.US_ASCII).strip()).getBytes(StandardCharsets.US_ASCII);
                    out.write(MerlinMessages.prefix(reply.length));
                    out.write(reply);
                    out.flush();
                }
            } catch (IOException | IllegalArgumentException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    private String answer(String request) {
        String[] words = request.split(",");
        if (words.length < 2) {
            return request + ",2";
        }
        String verb = words[0];
        String name = words[1].toUpperCase(Locale.ROOT);
        return switch (verb) {
            case "SET" -> "SET," + name + "," + set(name, words.length > 2 ? words[2] : "");
            case "GET" -> name.equals("DETECTORSTATUS") ? "GET," + name + "," + (acquiring ? 1 : 0) + ",0"
                    : settings.containsKey(name) ? "GET," + name + "," + settings.get(name) + ",0" : "GET," + name + ",,2";
            case "CMD" -> "CMD," + name + "," + command(name);
            default -> request + ",2";
        };
    }

    private int set(String name, String value) {
        if (!settings.containsKey(name)) {
            return 2;
        }
        if (acquiring) {
            return 1;
        }
        long number;
        try {
            number = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 3;
        }
        boolean valid = switch (name) {
            case "COUNTERDEPTH" -> number == 1 || number == 6 || number == 12 || number == 24;
            case "FILEFORMAT" -> number == 0 || number == 2;
            case "NUMFRAMESTOACQUIRE" -> number >= 1 && number <= 100_000_000L;
            case "TRIGGERSTART" -> number == 0 || number == 5;
            default -> number >= 0;
        };
        if (!valid) {
            return 3;
        }
        settings.put(name, number);
        return 0;
    }

    private int command(String name) {
        switch (name) {
            case "STARTACQUISITION" -> {
                synchronized (lock) {
                    if (acquiring) {
                        return 1;
                    }
                    long deadline = System.nanoTime() + 2_000_000_000L;
                    while (dataOut == null && System.nanoTime() < deadline) {
                        try {
                            lock.wait(20); // a data client may be connecting right now
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return 1;
                        }
                    }
                    if (dataOut == null) {
                        log.accept("STARTACQUISITION with no client on the data channel");
                        return 1;
                    }
                    acquiring = true;
                    stopRequested = false;
                    waitingForTrigger = settings.get("TRIGGERSTART") == 5;
                }
                daemon("condenser-merlin-sim-acquisition", this::acquire);
                return 0;
            }
            case "SOFTTRIGGER" -> {
                synchronized (lock) {
                    if (!acquiring) {
                        return 1;
                    }
                    waitingForTrigger = false;
                    lock.notifyAll();
                }
                return 0;
            }
            case "STOPACQUISITION", "ABORT" -> {
                stopRequested = true;
                synchronized (lock) {
                    lock.notifyAll();
                }
                return 0;
            }
            default -> {
                return 2;
            }
        }
    }

    private void acquire() {
        OutputStream out = dataOut;
        long frames = settings.get("NUMFRAMESTOACQUIRE");
        long depth = settings.get("COUNTERDEPTH");
        DType dtype = depth <= 6 ? DType.UINT8 : depth <= 12 ? DType.UINT16 : DType.UINT32;
        String type = dtype == DType.UINT8 ? "U08" : dtype == DType.UINT16 ? "U16" : "U32";
        Exposures.Sensor sensor = exposures.sensor();
        try {
            synchronized (lock) {
                while (waitingForTrigger && !stopRequested) {
                    lock.wait(100);
                }
            }
            writeHeader(out, frames, depth, sensor);
            byte[] message = new byte[DATA_OFFSET + sensor.height() * sensor.width() * dtype.bytes()];
            double seconds = settings.get("ACQUISITIONTIME") / 1000.0;
            exposures.expose(frames, Math.max(seconds, 1e-6), (index, pixels) -> {
                if (stopRequested) {
                    return false;
                }
                frame(out, message, index + 1, type, dtype, sensor, seconds, depth, pixels);
                return true;
            });
            out.flush();
        } catch (Exception e) {
            log.accept("the simulated acquisition stopped: " + e.getMessage());
        } finally {
            acquiring = false;
        }
    }

    private void writeHeader(OutputStream out, long frames, long depth, Exposures.Sensor sensor) throws IOException {
        String header = "HDR,\t\n"
                + "Time and Date Stamp (day, mnth, yr, hr, min, s):\t" + LocalDateTime.now().format(STAMP) + "\n"
                + "Chip ID:\tW530_L5,-,-,-\n"
                + "Chip Type (Medipix 3.0, Medipix 3.1, Medipix 3RX):\tMedipix 3RX\n"
                + "Assembly Size (NX1, 2X2):\t   1x1\n"
                + "Chip Mode  (SPM, CSM, CM, CSCM):\tSPM\n"
                + "Counter Depth (number):\t" + depth + "\n"
                + "Gain:\tSLGM\n"
                + "Active Counters:\tAlternating\n"
                + "Frames in Acquisition (Number):\t" + frames + "\n"
                + "Frames per Trigger (Number):\t" + frames + "\n"
                + "Trigger Start (Positive, Negative, Internal):\tInternal\n"
                + "Sensor Layout:\t" + sensor.width() + "x" + sensor.height() + "\n"
                + "End\t";
        byte[] body = header.getBytes(StandardCharsets.US_ASCII);
        synchronized (out) {
            out.write(MerlinMessages.prefix(body.length));
            out.write(body);
        }
    }

    private static void frame(OutputStream out, byte[] message, long sequence, String type, DType dtype,
            Exposures.Sensor sensor, double seconds, long depth, ByteBuffer pixels) {
        String head = String.format(Locale.ROOT, "MQ1,%06d,%05d,01,%04d,%04d,%s,   1x1,01,%s,%.6f,0,0,0,1.200000E+2,"
                + "0.000000E+0,0.000000E+0,0.000000E+0,0.000000E+0,0.000000E+0,0.000000E+0,0.000000E+0,3RX,%03d", sequence,
                DATA_OFFSET, sensor.width(), sensor.height(), type, LocalDateTime.now().format(STAMP), seconds, depth);
        byte[] text = head.getBytes(StandardCharsets.US_ASCII);
        java.util.Arrays.fill(message, 0, DATA_OFFSET, (byte) ' ');
        System.arraycopy(text, 0, message, 0, text.length);
        ByteBuffer big = ByteBuffer.wrap(message).slice(DATA_OFFSET, message.length - DATA_OFFSET)
                .order(ByteOrder.BIG_ENDIAN);
        ByteBuffer little = pixels.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = sensor.height() * sensor.width();
        // the sensor's pixels are 16-bit; the counter depth decides how wide they travel
        for (int i = 0; i < n; i++) {
            int value = little.getShort(i * 2) & 0xFFFF;
            switch (dtype) {
                case UINT8 -> big.put(i, (byte) Math.min(value, 255));
                case UINT16 -> big.putShort(i * 2, (short) Math.min(value, 4095));
                default -> big.putInt(i * 4, value);
            }
        }
        try {
            synchronized (out) {
                out.write(MerlinMessages.prefix(message.length));
                out.write(message);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the data channel closed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        open = false;
        stopRequested = true;
        control.close();
        data.close();
    }
}
