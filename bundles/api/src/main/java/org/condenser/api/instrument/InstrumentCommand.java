package org.condenser.api.instrument;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A write an instrument was asked for and how each value fared, posted on Event Admin (topic
 * {@link #TOPIC}, the record under {@link #EVENT_PROPERTY}) after every write through the
 * instrument service, whoever asked: shell, MQTT, pvAccess, dashboard or an automated experiment.
 *
 * @param instrument the instrument's id
 * @param requested the values asked for, by property
 * @param results each value's outcome (OK, REFUSED by the envelope, OUT_OF_RANGE, …)
 * @param time when the write was answered
 */
public record InstrumentCommand(String instrument, Map<String, Object> requested, List<WriteResult> results,
        Instant time) {

    public static final String TOPIC = "org/condenser/instrument/COMMAND";
    public static final String EVENT_PROPERTY = "command";

    public InstrumentCommand {
        requested = Map.copyOf(requested);
        results = List.copyOf(results);
    }
}
