/**
 * The control plane's contracts: instruments, their status, their typed properties, and
 * per-record read and write results, and capabilities (scan, cameras, spectrometer, stage).
 *
 * <p>Two sides meet here. Vendors implement {@link org.condenser.api.instrument.InstrumentDriver}
 * (the driver SPI) in a bundle that depends on this API only. The runtime wraps every driver in an
 * {@link org.condenser.api.instrument.Instrument}, the public service that the shell, remote
 * clients and every other bundle use; the wrapper applies timeouts, serialises commands and
 * enforces the safety envelope, so no one but the runtime ever calls a driver directly.
 */
@Export
@Version("0.1.0")
package org.condenser.api.instrument;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
