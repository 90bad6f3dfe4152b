package org.condenser.provenance.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.data.EmdFile;
import org.condenser.api.data.EmdFiles;
import org.condenser.api.provenance.Provenance;
import org.condenser.api.runtime.RuntimeHome;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code cnd:provenance FILE}: the PROV-JSON record an EMD file carries. */
@Component(service = ProvenanceCommand.class, property = { "osgi.command.scope=cnd",
        "osgi.command.function=provenance" })
public final class ProvenanceCommand {

    private final BundleContext context;
    private final EmdFiles emd;

    @Activate
    public ProvenanceCommand(BundleContext context, @Reference EmdFiles emd) {
        this.context = context;
        this.emd = emd;
    }

    @Descriptor("the provenance record (PROV-JSON) of a dataset Condenser wrote")
    public void provenance(@Descriptor("an EMD file (relative paths are under the runtime's home)") String file)
            throws Exception {
        Path path = RuntimeHome.resolve(context::getProperty, file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("provenance: no file " + path);
        }
        try (EmdFile opened = emd.open(path)) {
            Map<String, Object> group = opened.groups().get(Provenance.GROUP);
            Object record = group == null ? null : group.get(Provenance.ATTRIBUTE);
            if (record == null) {
                throw new IllegalArgumentException("provenance: " + path + " carries no provenance record (no "
                        + Provenance.GROUP + "/" + Provenance.ATTRIBUTE + "; written before the recorder, or by "
                        + "another program)");
            }
            System.out.println(record);
        }
    }
}
