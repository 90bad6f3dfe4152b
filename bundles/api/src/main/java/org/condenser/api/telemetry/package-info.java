/**
 * What the management plane publishes: alerts and the Event Admin topics they travel on.
 * Transports (MQTT, pvAccess, the dashboard) subscribe to these; they never carry frames.
 */
@Export
@Version("0.1.0")
package org.condenser.api.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
