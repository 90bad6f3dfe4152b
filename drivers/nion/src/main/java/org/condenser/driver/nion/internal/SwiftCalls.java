package org.condenser.driver.nion.internal;

import java.io.IOException;

import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.RecordStatus;

/** Capability calls: a lost link is a failed command naming the instrument (the driver's status says the rest). */
final class SwiftCalls {

    private SwiftCalls() {
    }

    static Object call(NionDriver driver, String method, Object... arguments) throws InstrumentException {
        try {
            return driver.call(method, arguments);
        } catch (IOException e) {
            throw new InstrumentException(RecordStatus.FAILED, driver.id() + ": " + method + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InstrumentException(RecordStatus.FAILED, driver.id() + ": " + method
                    + ": the companion's answer was malformed: " + e.getMessage(), e);
        }
    }
}
