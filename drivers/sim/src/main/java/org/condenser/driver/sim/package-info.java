/**
 * The simulated STEM's ground truth, for tests and closed-loop benchmarks. The driver itself is
 * private; like every driver it is reached through the runtime's public instrument service.
 */
@Export
@Version("0.2.0")
package org.condenser.driver.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
