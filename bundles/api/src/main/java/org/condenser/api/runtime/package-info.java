/**
 * The runtime's own status: what is running, what is not and why, and whether the node is
 * healthy. The shell, the telemetry publishers and the dashboard all read it from here.
 */
@Export
@Version("0.1.0")
package org.condenser.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
