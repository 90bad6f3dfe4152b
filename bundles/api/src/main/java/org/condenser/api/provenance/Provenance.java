package org.condenser.api.provenance;

import org.osgi.annotation.versioning.ProviderType;

/**
 * W3C PROV records for datasets: who and what made a dataset, with the instrument's recorded state.
 * Writers of datasets (EMD files) ask for one and store it beside the data.
 */
@ProviderType
public interface Provenance {

    /** Where an EMD file keeps its record: this group's {@link #ATTRIBUTE} holds the PROV-JSON text. */
    String GROUP = "provenance";
    String ATTRIBUTE = "prov_json";

    /**
     * The PROV-JSON document for a dataset: the activity with the instruments' state at its start
     * and their drift during it, the agents (the user, an automated policy, and the software:
     * every bundle with its version and a hash of each configuration in force), and its lineage.
     */
    String record(DatasetActivity activity);
}
