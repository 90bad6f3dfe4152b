package org.condenser.dataplane.internal.move;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (README, "Benchmarks"): verified local moves (XXH64 while copying, fsync,
 * read back, atomic rename) against {@code cp} of the same files, in alternating rounds of the same
 * run. Prints throughputs and ratios; asserts nothing about time. Run by name only.
 */
class MoverBenchmark {

    private static final int FILES = 8;
    private static final int SIZE = 64 << 20;
    private static final int ROUNDS = 3;

    @TempDir
    Path folder;

    @Test
    void verifiedMoveVersusCp() throws Exception {
        Path source = Files.createDirectories(folder.resolve("source"));
        List<Path> files = new ArrayList<>();
        byte[] data = new byte[SIZE];
        for (int i = 0; i < FILES; i++) {
            new SplittableRandom(i).nextBytes(data);
            files.add(Files.write(source.resolve("file-" + i + ".dat"), data));
        }
        double megabytes = (double) FILES * SIZE / 1e6;
        double[] cp = new double[ROUNDS];
        double[] cpSync = new double[ROUNDS];
        double[] serial = new double[ROUNDS];
        double[] parallel = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            Path toCp = target("cp", round);
            Path toCpSync = target("cpsync", round);
            Path toSerial = target("serial", round);
            Path toParallel = target("parallel", round);
            cp[round] = megabytes / seconds(() -> run("cp", files, toCp, false));
            cpSync[round] = megabytes / seconds(() -> run("cp", files, toCpSync, true));
            serial[round] = megabytes / seconds(() -> move(files, toSerial, 1));
            parallel[round] = megabytes / seconds(() -> move(files, toParallel, 2));
        }
        double cpMedian = median(cp);
        String report = String.format(Locale.ROOT, """
                verified local move vs cp: %d files of %d MiB, same file system, median of %d alternating rounds
                  cp                                   %7.0f MB/s
                  cp, then sync                        %7.0f MB/s
                  verified move, one at a time         %7.0f MB/s   ratio to cp %.2f
                  verified move, two at a time         %7.0f MB/s   ratio to cp %.2f  (goal >= 0.8)
                """, FILES, SIZE >> 20, ROUNDS, cpMedian, median(cpSync), median(serial), median(serial) / cpMedian,
                median(parallel), median(parallel) / cpMedian);
        System.out.print(report);
        Path output = Path.of("target", "benchmarks");
        Files.createDirectories(output);
        Files.writeString(output.resolve("mover.txt"), report);
    }

    private Path target(String kind, int round) throws IOException {
        return Files.createDirectories(folder.resolve(kind + "-" + round));
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double seconds(Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static void run(String command, List<Path> files, Path target, boolean sync) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        files.forEach(f -> args.add(f.toString()));
        args.add(target.toString());
        Process process = new ProcessBuilder(args).inheritIO().start();
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(command + " failed");
        }
        if (sync) {
            try (Stream<Path> copies = Files.list(target)) {
                List<String> syncArgs = new ArrayList<>(List.of("sync"));
                copies.forEach(p -> syncArgs.add(p.toString()));
                new ProcessBuilder(syncArgs).inheritIO().start().waitFor(300, TimeUnit.SECONDS);
            }
        }
    }

    private static void move(List<Path> files, Path target, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (Path file : files) {
                copies.add(pool.submit(() -> VerifiedCopy.copy(file, target.resolve(file.getFileName()), n -> { })));
            }
            for (Future<?> copy : copies) {
                copy.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
