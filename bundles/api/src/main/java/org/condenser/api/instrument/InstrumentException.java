package org.condenser.api.instrument;

import java.util.Objects;

/**
 * A command to an instrument's capability (scan, camera, spectrometer, stage) failed or was refused.
 * The message names the instrument, what was asked, and why; {@link #status()} says what kind of
 * failure it was, in the same terms as a per-record result.
 */
public class InstrumentException extends Exception {

    private static final long serialVersionUID = 1L;

    private final RecordStatus status;

    public InstrumentException(RecordStatus status, String message) {
        this(status, message, null);
    }

    public InstrumentException(RecordStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status, "status");
        if (status == RecordStatus.OK) {
            throw new IllegalArgumentException("an InstrumentException cannot have status OK");
        }
    }

    /** What kind of failure: REFUSED by the envelope, OUT_OF_RANGE, TIMEOUT, FAILED… */
    public RecordStatus status() {
        return status;
    }
}
