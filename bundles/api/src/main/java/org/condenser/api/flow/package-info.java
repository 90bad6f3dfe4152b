/**
 * Event-driven flows: a trigger, then steps (move, analyse, extract metadata, write, publish)
 * provided as whiteboard services, so a facility adds a step by dropping in a bundle.
 */
@Export
@Version("0.2.0")
package org.condenser.api.flow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
