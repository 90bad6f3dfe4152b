package org.condenser.api.provenance;

import java.util.List;
import java.util.Map;

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
    default String record(DatasetActivity activity) {
        return record(activity, List.of(), Map.of());
    }

    /**
     * The PROV-JSON document for a dataset with how its sources came to be.
     *
     * @param lineage the activities that made the sources, oldest first (the acquisition of the
     *        file a flow took, its moves, its conversion), each described as fully as the dataset's own
     * @param sourceRecords the records the sources carry themselves (a source that is an EMD file
     *        Condenser wrote), by the source's id as {@code activity.derivedFrom()} names it; each is
     *        kept whole as a PROV bundle, and its dataset named an alternate of that source
     */
    String record(DatasetActivity activity, List<DatasetActivity> lineage, Map<String, String> sourceRecords);
}
