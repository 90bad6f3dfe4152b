package org.condenser.flows.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.RunEvent;
import org.condenser.api.flow.RunState;
import org.condenser.api.flow.TransientStepException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flow engine: order and outputs, retries, quarantine, bounded concurrency, resuming after a restart, timings. */
class FlowRunnerTest {

    @TempDir
    Path home;

    private final Map<String, FlowStep> steps = new ConcurrentHashMap<>();
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    private static FlowDefinition flow(String name, int concurrency, String... types) {
        StringBuilder json = new StringBuilder("{\"name\": \"" + name + "\", \"trigger\": {\"type\": \"manual\"}, "
                + "\"concurrency\": " + concurrency + ", \"retries\": 2, \"backoffSeconds\": 0.01, \"steps\": [");
        for (int i = 0; i < types.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\": \"").append(types[i]).append("\", \"parameters\": {\"n\": ")
                    .append(i).append("}}");
        }
        return FlowDefinition.parse(json.append("]}").toString());
    }

    private FlowRunner runner() throws Exception {
        return new FlowRunner(home, new FlowJournal(home.resolve("journal/flows.log")), steps::get, events::add);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Test
    void stepsRunInOrderPassingOutputsOnAndTheirOwnTimeIsToldApart() throws Exception {
        steps.put("read", context -> {
            TimeUnit.MILLISECONDS.sleep(30);
            context.output("size", ((String) context.inputs().get("file")).length());
        });
        steps.put("double", context -> context.output("twice", ((Number) context.inputs().get("size")).intValue() * 2
                + ((Number) context.parameters().get("n")).intValue()));
        try (FlowRunner runner = runner()) {
            runner.define(flow("f", 1, "read", "double"));
            String id = runner.submit("f", Map.of("file", "abcdef"));
            await("the run ends", () -> !runner.history().isEmpty());
            RunRecord run = runner.history().get(0);
            assertEquals(id, run.runId());
            assertEquals(RunState.SUCCEEDED, run.state(), run.message());
            assertEquals(List.of("read", "double"), run.steps().stream().map(RunRecord.StepTiming::step).toList());
            assertTrue(run.steps().get(0).activeNanos() >= 30_000_000, "the step's own time");
            assertTrue(run.overheadNanos() >= 0 && run.overheadNanos() < run.totalNanos());
        }
        List<String> journal = Files.readAllLines(home.resolve("journal/flows.log"));
        assertTrue(journal.get(2).startsWith("STEP\tf-1\tdouble\t") && journal.get(2).endsWith("{\"twice\":13}"),
                journal.toString());
        assertEquals("END\tf-1\tSUCCEEDED\t", journal.get(3));
    }

    @Test
    void transientFaultsAreRetriedBadInputIsQuarantinedAndOtherRunsCarryOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        steps.put("flaky", context -> {
            if (calls.incrementAndGet() < 3) {
                throw new TransientStepException("the NAS is briefly gone", null);
            }
        });
        steps.put("picky", context -> {
            if (((String) context.inputs().get("file")).endsWith("bad.emd")) {
                throw new IllegalArgumentException("not a hyperspectral file: 2 dimensions, 3 needed");
            }
        });
        Path bad = Files.writeString(home.resolve("bad.emd"), "x");
        try (FlowRunner runner = runner()) {
            runner.define(flow("f", 1, "flaky", "picky"));
            runner.submit("f", Map.of("file", bad.toString()));
            runner.submit("f", Map.of("file", home.resolve("good.emd").toString()));
            await("both runs end", () -> runner.history().size() == 2);
            RunRecord quarantined = runner.history().get(0);
            assertEquals(RunState.QUARANTINED, quarantined.state());
            assertTrue(quarantined.message().startsWith("picky: not a hyperspectral file: 2 dimensions, 3 needed; the "
                    + "input was copied to "), quarantined.message());
            assertEquals(3, quarantined.steps().get(0).attempts(), "two transient faults, then success");
            assertTrue(Files.exists(home.resolve("quarantine/f/f-1-bad.emd")));
            assertEquals(RunState.SUCCEEDED, runner.history().get(1).state(), "the next run carries on");
        }
        steps.put("down", context -> {
            throw new TransientStepException("still down", null);
        });
        try (FlowRunner runner = runner()) {
            runner.define(flow("g", 1, "down"));
            runner.submit("g", Map.of());
            runner.submit("g", Map.of());
            await("the runs end", () -> runner.history().size() == 2);
            assertEquals("down: gave up after 3 attempts: still down", runner.history().get(0).message());
            assertEquals(RunState.FAILED, runner.history().get(0).state());
            assertEquals("no flow 'nope' (flows: [g])", assertThrows(IllegalArgumentException.class,
                    () -> runner.submit("nope", Map.of())).getMessage());
        }
    }

    @Test
    void aFlowRunsAtMostItsConcurrencyAtOnce() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        steps.put("slow", context -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            TimeUnit.MILLISECONDS.sleep(60);
            now.decrementAndGet();
        });
        try (FlowRunner runner = runner()) {
            runner.define(flow("f", 2, "slow"));
            for (int i = 0; i < 6; i++) {
                runner.submit("f", Map.of());
            }
            assertTrue(runner.queued("f") >= 3, "runs beyond the bound wait: " + runner.queued("f"));
            await("all six end", () -> runner.history().size() == 6);
        }
        assertEquals(2, most.get());
    }

    @Test
    void aRestartResumesAfterTheLastStepDoneWithoutRepeatingIt() throws Exception {
        AtomicInteger firsts = new AtomicInteger();
        CountDownLatch inSecond = new CountDownLatch(1);
        steps.put("first", context -> {
            firsts.incrementAndGet();
            context.output("made", "by first");
        });
        steps.put("second", context -> {
            inSecond.countDown();
            TimeUnit.SECONDS.sleep(60); // the runtime stops in the middle of this step
        });
        try (FlowRunner runner = runner()) {
            runner.define(flow("f", 1, "first", "second"));
            runner.submit("f", Map.of("file", "in.dat"));
            assertTrue(inSecond.await(10, TimeUnit.SECONDS));
        }
        List<String> seen = new CopyOnWriteArrayList<>();
        steps.put("second", context -> seen.add(context.inputs().get("file") + " " + context.inputs().get("made")));
        try (FlowRunner runner = runner()) {
            runner.define(flow("f", 1, "first", "second"));
            assertEquals(1, runner.resume());
            await("the resumed run ends", () -> !runner.history().isEmpty());
            assertEquals(RunState.SUCCEEDED, runner.history().get(0).state());
            assertEquals("f-1", runner.history().get(0).runId());
            assertEquals("f-2", runner.submit("f", Map.of()), "new runs do not reuse old ids");
            await("the new run ends", () -> runner.history().size() == 2);
        }
        assertEquals(List.of("in.dat by first"), seen.subList(0, 1), "inputs and the first step's outputs came back");
        assertEquals(2, firsts.get(), "once for f-1 before the restart, once for f-2; never again for f-1");
    }

    @Test
    void eachNewFileAStepMakesGrowsTheRunsLineageFromTheAcquisitionAndARestartKeepsIt() throws Exception {
        Path detector = Files.writeString(home.resolve("scan-7.raw"), "counts");
        java.time.Instant written = java.time.Instant.ofEpochMilli(System.currentTimeMillis() - 60_000);
        List<List<org.condenser.api.provenance.DatasetActivity>> seen = new CopyOnWriteArrayList<>();
        CountDownLatch inLast = new CountDownLatch(1);
        steps.put("copy", context -> {
            context.output("file", context.inputs().get("file") + ".moved");
            context.output("xxh64", "0123456789abcdef");
            context.output(org.condenser.api.flow.StepContext.LINEAGE, "a step cannot rewrite the lineage");
        });
        steps.put("look", context -> {
            seen.add(context.lineage());
            context.output("looked", true); // no new file: the lineage stays as it was
        });
        steps.put("last", context -> {
            seen.add(context.lineage());
            inLast.countDown();
            TimeUnit.SECONDS.sleep(60); // the runtime stops here
        });
        String json = "{\"name\": \"f\", \"trigger\": {\"type\": \"manual\"}, \"instruments\": [\"sim-stem\"], "
                + "\"steps\": [{\"type\": \"copy\"}, {\"type\": \"look\"}, {\"type\": \"last\"}]}";
        try (FlowRunner runner = runner()) {
            runner.define(FlowDefinition.parse(json));
            runner.submit("f", Map.of("file", detector.toString(), "modified", written.toEpochMilli(), "size", 6L));
            assertTrue(inLast.await(10, TimeUnit.SECONDS));
        }
        var lineage = seen.get(0);
        assertEquals(2, lineage.size(), lineage.toString());
        var acquisition = lineage.get(0);
        assertEquals(List.of(detector.toString(), "acquisition", written, List.of("sim-stem"), Map.of("bytes", "6")),
                List.of(acquisition.dataset(), acquisition.activity(), acquisition.end(), acquisition.instruments(),
                        acquisition.attributes()));
        var move = lineage.get(1);
        assertEquals(List.of(detector + ".moved", "copy", List.of(detector.toString())),
                List.of(move.dataset(), move.activity(), move.derivedFrom()));
        assertEquals(Map.of("flow", "f", "run", "f-1", "step", "copy", "xxh64", "0123456789abcdef"), move.attributes());
        assertTrue(!move.end().isBefore(move.start()) && !move.start().isBefore(acquisition.end()));
        assertEquals(lineage, seen.get(1), "a step that makes no new file leaves the lineage as it was");

        steps.put("last", context -> seen.add(context.lineage()));
        try (FlowRunner runner = runner()) {
            runner.define(FlowDefinition.parse(json));
            assertEquals(1, runner.resume());
            await("the resumed run ends", () -> !runner.history().isEmpty());
        }
        assertEquals(lineage, seen.get(2), "the journal brought the lineage back");

        assertEquals("flow x: 'instruments' must be a list of instrument ids, such as [\"sim-stem\"], not sim-stem",
                assertThrows(IllegalArgumentException.class, () -> FlowDefinition.parse("{\"name\": \"x\", \"trigger\": "
                        + "{\"type\": \"manual\"}, \"instruments\": \"sim-stem\", \"steps\": [{\"type\": \"a\"}]}"))
                        .getMessage());
        assertEquals("the run's lineage holds 7, not an activity",
                assertThrows(IllegalArgumentException.class, () -> FlowLineage.read(List.of(7))).getMessage());
    }

    @Test
    void brokenDefinitionsAreRefusedNamingWhatIsWrong() {
        assertEquals("line 1, column 9: expected ':', found '\"'",
                assertThrows(IllegalArgumentException.class, () -> FlowDefinition.parse("{\"name\" \"x\"}")).getMessage());
        assertEquals("flow x: trigger type 'cron' is not one of", assertThrows(IllegalArgumentException.class,
                () -> FlowDefinition.parse("{\"name\": \"x\", \"trigger\": {\"type\": \"cron\"}, \"steps\": []}"))
                .getMessage().replaceAll(" \\[.*", ""));
        assertEquals("flow x: 'steps' must be a list of at least one step", assertThrows(IllegalArgumentException.class,
                () -> FlowDefinition.parse("{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"steps\": []}"))
                .getMessage());
        assertEquals("flow x: 'concurrency' must be a number from 1.0 to 64.0, not 0",
                assertThrows(IllegalArgumentException.class, () -> FlowDefinition.parse("{\"name\": \"x\", \"trigger\": "
                        + "{\"type\": \"manual\"}, \"concurrency\": 0, \"steps\": [{\"type\": \"a\"}]}")).getMessage());
        assertEquals("flow x: two steps are named 'a'", assertThrows(IllegalArgumentException.class,
                () -> FlowDefinition.parse("{\"name\": \"x\", \"trigger\": {\"type\": \"manual\"}, \"steps\": "
                        + "[{\"type\": \"a\"}, {\"type\": \"a\"}]}")).getMessage());
    }

    private static String scheduled(String trigger) {
        return "{\"name\": \"x\", \"trigger\": {\"type\": \"schedule\"" + trigger + "}, \"steps\": [{\"type\": \"a\"}]}";
    }

    @Test
    void schedulesAreReadAndPlannedAndBadOnesRefusedNamingWhatIsWrong() {
        FlowDefinition.Trigger every = FlowDefinition.parse(scheduled(", \"every\": \"PT15M\"")).trigger();
        java.time.ZonedDateTime now = java.time.ZonedDateTime.parse("2026-11-21T10:07:30Z");
        assertEquals(now.plusMinutes(15), every.next(now));
        assertEquals("every 15m", every.describe());
        FlowDefinition.Trigger daily = FlowDefinition.parse(scheduled(", \"at\": \"02:30\"")).trigger();
        assertEquals(java.time.ZonedDateTime.parse("2026-11-22T02:30Z"), daily.next(now));
        assertEquals(java.time.ZonedDateTime.parse("2026-11-21T02:30Z"),
                daily.next(java.time.ZonedDateTime.parse("2026-11-21T01:00Z")));
        assertEquals("flow x: 'every' is 'quarter-hourly', not an ISO-8601 duration such as PT15M or PT1H",
                assertThrows(IllegalArgumentException.class,
                        () -> FlowDefinition.parse(scheduled(", \"every\": \"quarter-hourly\""))).getMessage());
        assertEquals("flow x: 'every' must be at least one second, not PT0.1S", assertThrows(IllegalArgumentException.class,
                () -> FlowDefinition.parse(scheduled(", \"every\": \"PT0.1S\""))).getMessage());
        assertEquals("flow x: 'at' is '25:00', not a time of day such as 02:30", assertThrows(IllegalArgumentException.class,
                () -> FlowDefinition.parse(scheduled(", \"at\": \"25:00\""))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FlowDefinition.parse(scheduled("")))
                .getMessage().startsWith("flow x: a schedule needs either 'every'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> FlowDefinition.parse(scheduled(", \"every\": \"PT1M\", \"at\": \"02:30\""))).getMessage()
                .startsWith("flow x: a schedule needs either 'every'"));
    }
}
