/**
 * The data plane's contracts: frames with their headers and attributes, frame sources, and the
 * statistics every pipeline stage reports, and calibrated n-dimensional arrays (what acquisitions and
 * analyses return). Frames never travel through the management plane.
 */
@Export
@Version("0.1.0")
package org.condenser.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
