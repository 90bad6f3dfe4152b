package org.condenser.core.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ReadResult;
import org.condenser.api.instrument.RecordStatus;
import org.condenser.api.instrument.StatusDetail;
import org.condenser.api.instrument.StatusState;
import org.condenser.api.instrument.WriteResult;
import org.condenser.api.telemetry.Alert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedInstrumentTest {

    private final FakeDriver driver = new FakeDriver();
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final GuardedInstrument guard = new GuardedInstrument(driver, "fake",
            EnvelopeRules.parse("high_tension", "defocus -2e-6..2e-6", "defocus 1e-6", ""),
            new GuardedInstrument.Limits(Duration.ofMillis(300), Duration.ofSeconds(1)), alerts::add, clock::get);

    @AfterEach
    void close() {
        if (driver.hang != null) {
            driver.hang.countDown();
        }
        guard.close();
    }

    private WriteResult write(String name, Object value) {
        return guard.write(Map.of(name, value)).get(0);
    }

    @Test
    void aBatchAnswersEachRecordAndWritesOnlyWhatPassed() {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put(PropertyNames.DEFOCUS, 5e-7);
        batch.put("nonsense", 1.0);
        batch.put(PropertyNames.COLUMN_VACUUM, 1e-5);
        batch.put(PropertyNames.PROBE_POSITION, "middle");
        List<WriteResult> results = guard.write(batch);
        assertEquals(List.of(RecordStatus.OK, RecordStatus.UNKNOWN_PROPERTY, RecordStatus.NOT_WRITABLE,
                RecordStatus.WRONG_TYPE), results.stream().map(WriteResult::status).toList());
        assertEquals("fake has no property nonsense", results.get(1).message());
        assertEquals("fake: column_vacuum is read-only", results.get(2).message());
        assertEquals("fake: probe_position takes a vector, not String middle", results.get(3).message());
        assertEquals(List.of(Map.of(PropertyNames.DEFOCUS, 5e-7)), driver.writes);
    }

    @Test
    void theInstrumentsOwnRangeComesBeforeTheEnvelope() {
        WriteResult result = write(PropertyNames.DEFOCUS, 3e-5);
        assertEquals(RecordStatus.OUT_OF_RANGE, result.status());
        assertEquals("fake: defocus = 3.0e-5 m is outside the instrument's range -1.0e-5..1.0e-5 m", result.message());
        assertEquals(RecordStatus.OUT_OF_RANGE, write(PropertyNames.PROBE_POSITION, List.of(0.5, 1.5)).status());
        assertEquals(RecordStatus.OUT_OF_RANGE, write(PropertyNames.DEFOCUS, Double.NaN).status());
        assertTrue(driver.writes.isEmpty());
    }

    @Test
    void refusalsNameThePropertyTheValueAndTheRuleAndAreAlerted() {
        WriteResult limit = write(PropertyNames.DEFOCUS, 3e-6);
        assertEquals(RecordStatus.REFUSED, limit.status());
        assertEquals("fake: defocus = 3.0e-6 refused by the safety envelope, rule 'limits defocus -2.0e-6..2.0e-6': "
                + "outside the allowed range", limit.message());

        WriteResult forbidden = write(PropertyNames.HIGH_TENSION, 80_000.0);
        assertEquals(RecordStatus.REFUSED, forbidden.status());
        assertEquals("fake: high_tension = 80000 refused by the safety envelope, rule 'forbidden high_tension': "
                + "high_tension may not be written remotely", forbidden.message());

        assertEquals(RecordStatus.REFUSED, write("fake:EHT", 80_000.0).status(),
                "a native alias is held to its standard name's rules");
        assertTrue(write("fake:EHT", 80_000.0).message().contains("rule 'forbidden high_tension'"));

        assertEquals(4, alerts.size());
        assertEquals("instrument/fake", alerts.get(0).source());
        assertEquals(limit.message(), alerts.get(0).message());
        assertTrue(driver.writes.isEmpty(), "nothing refused reached the driver");
        assertEquals(100_000.0, driver.values.get(PropertyNames.HIGH_TENSION));
    }

    @Test
    void theLargestStepIsMeasuredFromTheCurrentValue() {
        assertEquals(RecordStatus.OK, write(PropertyNames.DEFOCUS, 1e-6).status());
        WriteResult jump = write(PropertyNames.DEFOCUS, -1e-6);
        assertEquals(RecordStatus.REFUSED, jump.status());
        assertTrue(jump.message().contains("rule 'maxStep defocus 1.0e-6': a change of 2.0e-6 exceeds the largest step"),
                jump.message());
        assertEquals(RecordStatus.OK, write(PropertyNames.DEFOCUS, 0.0).status());
    }

    @Test
    void theRateRuleWaitsForTimeToPass() {
        guard.setRules(EnvelopeRules.parse("", "", "", "defocus 1e-6"));
        // 0.1 s after the guard started, 0.5 µm at 1 µm/s needs 0.5 s.
        clock.addAndGet(100_000_000L);
        WriteResult early = write(PropertyNames.DEFOCUS, 5e-7);
        assertEquals(RecordStatus.REFUSED, early.status(), early.message());
        assertTrue(early.message().contains("rule 'maxRate defocus 1.0e-6/s': a change of 5.0e-7 needs 0.5 s since the "
                + "last change, 0.1 s have passed"), early.message());
        clock.addAndGet(500_000_000L);
        assertEquals(RecordStatus.OK, write(PropertyNames.DEFOCUS, 5e-7).status());
        assertEquals(RecordStatus.REFUSED, write(PropertyNames.DEFOCUS, 0.0).status(), "just changed; must wait again");
    }

    @Test
    void aBrokenConfigurationRefusesEveryWrite() {
        guard.setRules(EnvelopeRules.broken("envelope configuration for fake is invalid (limits: 'x' is not NAME MIN..MAX)"));
        WriteResult result = write(PropertyNames.DEFOCUS, 0.0);
        assertEquals(RecordStatus.REFUSED, result.status());
        assertTrue(result.message().contains("limits: 'x' is not NAME MIN..MAX"), result.message());
    }

    @Test
    void aHungDriverTimesOutAndTheStatusSaysSoUntilACommandSucceeds() {
        driver.hang = new CountDownLatch(1);
        long start = System.nanoTime();
        ReadResult result = guard.read(List.of(PropertyNames.DEFOCUS)).get(0);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(RecordStatus.TIMEOUT, result.status());
        assertEquals("fake: read defocus did not answer within 300 ms", result.message());
        assertTrue(tookMillis < 2000, "answered after " + tookMillis + " ms");
        assertEquals(StatusState.ERROR, guard.status().state());
        assertEquals(StatusDetail.TIMEOUT, guard.status().detail());

        driver.hang = null;
        assertTrue(guard.read(List.of(PropertyNames.DEFOCUS)).get(0).isOk());
        assertTrue(guard.status().isOnline());
    }

    @Test
    void aLostConnectionFailsTheBatchAndBecomesACommunicationError() {
        driver.connectionLost = true;
        List<ReadResult> results = guard.read(List.of(PropertyNames.DEFOCUS, PropertyNames.HIGH_TENSION, "nonsense"));
        assertEquals(List.of(RecordStatus.FAILED, RecordStatus.FAILED, RecordStatus.UNKNOWN_PROPERTY),
                results.stream().map(ReadResult::status).toList());
        assertEquals("fake: read defocus, high_tension failed: IOException: connection reset by peer",
                results.get(0).message());
        assertEquals(StatusDetail.COMMUNICATION_ERROR, guard.status().detail());
    }

    @Test
    void commandsFromManyThreadsReachTheDriverOneAtATime() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                double value = (i % 10) * 1e-7;
                boolean read = i % 2 == 0;
                calls.add(callers.submit(() -> read ? guard.read(List.of(PropertyNames.DEFOCUS))
                        : guard.write(Map.of(PropertyNames.DEFOCUS, value))));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdown();
        }
        assertEquals(1, driver.mostInside.get());
    }
}
