package org.condenser.api.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** The digital twin's record of instrument state over time, queryable by time range. */
@ProviderType
public interface StateHistory {

    /**
     * The samples of one instrument between two instants, oldest first.
     *
     * @param property a property name, or null for all
     */
    List<StateSample> samples(String instrumentId, String property, Instant from, Instant to);

    /**
     * The state of one instrument at an instant: each property's latest sample at or before it
     * (properties never sampled by then are absent).
     */
    Map<String, StateSample> stateAt(String instrumentId, Instant time);

    /** Commands, refusals and alerts between two instants, oldest first. */
    List<RecordedEvent> events(Instant from, Instant to);
}
