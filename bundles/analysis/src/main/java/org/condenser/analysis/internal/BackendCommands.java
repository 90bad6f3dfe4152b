package org.condenser.analysis.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code cnd:backends}: where analyses run now. */
@Component(service = BackendCommands.class, property = { "osgi.command.scope=cnd", "osgi.command.function=backends" })
public final class BackendCommands {

    private final AnalysisService analyses;

    @Activate
    public BackendCommands(@Reference AnalysisService analyses) {
        this.analyses = analyses;
    }

    @Descriptor("compute backends: each with its device, and which one new analyses run on")
    public void backends() {
        analyses.backends().forEach(backend -> System.out.println(backend.name() + "  " + backend.describe()));
        System.out.println("analyses run on: " + analyses.preferred().map(b -> b.name()).orElse("cpu"));
    }
}
