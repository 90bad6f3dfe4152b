/**
 * Closed-loop experiments: a policy proposes the next measurement, a scalarizer turns its
 * result into the number the policy learns from.
 */
@Export
@Version("0.2.0")
package org.condenser.api.experiment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
