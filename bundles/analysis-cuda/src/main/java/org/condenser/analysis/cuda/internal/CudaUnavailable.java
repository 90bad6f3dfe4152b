package org.condenser.analysis.cuda.internal;

/** Why no GPU can be used here, in words for the log: no driver, no device, no kernels in this build. */
public final class CudaUnavailable extends Exception {

    private static final long serialVersionUID = 1L;

    CudaUnavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
