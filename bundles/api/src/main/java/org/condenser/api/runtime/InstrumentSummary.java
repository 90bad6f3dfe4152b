package org.condenser.api.runtime;

import org.condenser.api.instrument.InstrumentStatus;

/**
 * One instrument as the runtime status lists it.
 *
 * @param id the instrument id
 * @param vendor maker
 * @param model model
 * @param status current status
 */
public record InstrumentSummary(String id, String vendor, String model, InstrumentStatus status) {
}
