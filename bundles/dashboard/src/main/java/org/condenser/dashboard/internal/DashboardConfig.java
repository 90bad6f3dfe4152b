package org.condenser.dashboard.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The dashboard: {@code conf/org.condenser.dashboard.cfg}. The port is Felix HTTP's ({@code org.osgi.service.http.port}). */
@ObjectClassDefinition(name = "Condenser dashboard")
@interface DashboardConfig {

    String PID = "org.condenser.dashboard";

    @AttributeDefinition(description = "Seconds between updates sent to open pages")
    double updateSeconds() default 1;

    @AttributeDefinition(description = "Minutes a login lasts")
    int sessionMinutes() default 480;

    @AttributeDefinition(description = "Alerts and flow runs kept for the page")
    int recentKept() default 50;

    @AttributeDefinition(description = "Pages open at once (each holds one server-sent event stream)")
    int maxPages() default 32;
}
