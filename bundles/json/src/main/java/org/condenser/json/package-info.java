/** The runtime's one JSON reader and writer, shared by the bundles that speak JSON. */
@Export
@Version("0.1.0")
package org.condenser.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
