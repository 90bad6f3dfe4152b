/**
 * Provenance: samples of the instrument's state over time, the record the digital twin keeps
 * and every dataset refers to.
 */
@Export
@Version("0.2.0")
package org.condenser.api.provenance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
