/**
 * Analysis over frames written once as map/merge reductions, so the same reduction runs on
 * one thread, many threads, a GPU or several nodes.
 */
@Export
@Version("0.1.0")
package org.condenser.api.analysis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
