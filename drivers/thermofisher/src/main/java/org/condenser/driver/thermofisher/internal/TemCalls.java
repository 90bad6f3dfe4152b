package org.condenser.driver.thermofisher.internal;

import java.io.IOException;

import org.condenser.api.instrument.InstrumentException;
import org.condenser.api.instrument.RecordStatus;

/** Capability calls: every fault an InstrumentException naming the instrument and the request. */
final class TemCalls {

    interface Call {
        Object run() throws IOException, InstrumentException;
    }

    private TemCalls() {
    }

    static Object call(TemDriver driver, String what, Call call) throws InstrumentException {
        try {
            return call.run();
        } catch (InstrumentException e) {
            throw new InstrumentException(e.status(), driver.instrumentId() + ": " + what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InstrumentException(RecordStatus.FAILED, driver.instrumentId() + ": " + what + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new InstrumentException(RecordStatus.FAILED, driver.instrumentId() + ": " + what
                    + ": the server's answer was malformed: " + e.getMessage(), e);
        }
    }
}
