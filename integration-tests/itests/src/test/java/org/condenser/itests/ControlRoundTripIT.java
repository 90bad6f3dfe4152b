package org.condenser.itests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;

import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ReadResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import net.razorvine.pyro.PyroProxy;

/**
 * Benchmark, not a test (README, "Benchmarks"; skipped unless -Dcondenser.benchmark=true): the
 * control round trip through the public instrument service (guard, lane, envelope, Nion driver,
 * Pyrolite) to a real Pyro4 daemon, against a bare Pyrolite call doing the same remote work to the
 * same daemon in the same run. Rounds alternate between the two so drift of a noisy machine falls
 * on both alike. Prints medians and their ratio; asserts nothing about time.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class ControlRoundTripIT {

    private static final String KEY = "benchmark key";
    private static final int WARMUP = 2000;
    private static final int ROUNDS = 20;
    private static final int PER_ROUND = 250;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin configurations;

    @Test
    void controlRoundTripThroughTheInstrumentServiceVersusBarePyrolite() throws Exception {
        Assumptions.assumeTrue(Boolean.parseBoolean(context.getProperty("condenser.benchmark")),
                "a benchmark: run with -Dcondenser.benchmark=true");
        Path work = Path.of(context.getProperty("condenser.home"), "benchmark");
        try (SwiftCompanion swift = new SwiftCompanion(context, work, KEY).start()) {
            Configuration configuration = configurations.getFactoryConfiguration("org.condenser.driver.nion", "bench", "?");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("id", "nion-bench");
            properties.put("port", swift.port);
            properties.put("hmacKeyFile", swift.keyFile.toString());
            configuration.update(properties);
            PyroProxy bare = new PyroProxy("127.0.0.1", swift.port, "condenser.swift");
            bare.pyroHmacKey = KEY.getBytes(StandardCharsets.UTF_8);
            try {
                Instrument[] nion = new Instrument[1];
                Await.until("nion-bench is online", () -> (nion[0] = Instruments.find(context, "nion-bench")) != null && nion[0].status().isOnline());
                run(nion[0], bare);
            } finally {
                bare.close();
                configuration.delete();
            }
        }
    }

    private void run(Instrument nion, PyroProxy bare) throws Exception {
        List<String> names = List.of(PropertyNames.DEFOCUS);
        List<String> controls = List.of("C10");
        for (int i = 0; i < WARMUP; i++) {
            bare.call("get_controls", controls);
            check(nion.read(names));
        }
        long[] guarded = new long[ROUNDS * PER_ROUND];
        long[] direct = new long[ROUNDS * PER_ROUND];
        int g = 0;
        int d = 0;
        for (int round = 0; round < ROUNDS; round++) {
            boolean guardedFirst = round % 2 == 0;
            for (int pass = 0; pass < 2; pass++) {
                boolean measureGuarded = (pass == 0) == guardedFirst;
                for (int i = 0; i < PER_ROUND; i++) {
                    long start = System.nanoTime();
                    if (measureGuarded) {
                        check(nion.read(names));
                        guarded[g++] = System.nanoTime() - start;
                    } else {
                        bare.call("get_controls", controls);
                        direct[d++] = System.nanoTime() - start;
                    }
                }
            }
        }
        Arrays.sort(guarded);
        Arrays.sort(direct);
        double guardedMedian = guarded[guarded.length / 2] / 1000.0;
        double directMedian = direct[direct.length / 2] / 1000.0;
        String report = String.format(Locale.ROOT, """
                control round trip, read defocus (Swift C10) from a Pyro4 daemon with an HMAC key, %d calls each
                  bare Pyrolite call            median %7.1f us   p90 %7.1f us
                  public instrument service     median %7.1f us   p90 %7.1f us
                  ratio (service / bare)        %.2f  (goal <= 1.5)
                """, guarded.length, directMedian, direct[direct.length * 9 / 10] / 1000.0, guardedMedian,
                guarded[guarded.length * 9 / 10] / 1000.0, guardedMedian / directMedian);
        System.out.print(report);
        Path output = Path.of(context.getProperty("condenser.benchmark.output"));
        Files.createDirectories(output);
        Files.writeString(output.resolve("control-roundtrip.txt"), report);
    }

    private static void check(List<ReadResult> results) {
        if (!results.get(0).isOk()) {
            throw new AssertionError("the read failed: " + results.get(0).message());
        }
    }
}
