package org.condenser.provenance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.condenser.api.provenance.DatasetActivity;
import org.condenser.api.provenance.Provenance;
import org.condenser.api.provenance.StateHistory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * PROV-JSON (W3C PROV, the JSON serialization) for datasets. A record names the dataset (an
 * entity), the activity that made it with its start and end, the instruments it used (entities,
 * each with its recorded state at the start and the drift of each property during the activity),
 * the agents (the user, an automated policy, and this runtime as a software agent with every
 * bundle's symbolic name and version and a SHA-256 of each configuration in force, secrets left
 * out), and the datasets it was derived from, with the activities that made those (moves, conversions) and the
 * records they carry themselves. Values with structure (state, drift, bundles, configurations) are
 * JSON text in typed literals, so any PROV reader takes the document.
 */
@Component(service = Provenance.class)
public final class ProvenanceRecords implements Provenance {

    private final BundleContext context;
    private final StateHistory history;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurations;

    @Activate
    public ProvenanceRecords(BundleContext context, @Reference StateHistory history) {
        this.context = context;
        this.history = history;
    }

    @Override
    public String record(DatasetActivity activity, List<DatasetActivity> lineage, Map<String, String> sourceRecords) {
        Map<String, Object> software = new LinkedHashMap<>();
        software.put("prov:type", "prov:SoftwareAgent");
        software.put("prov:label", "Condenser " + context.getBundle().getVersion());
        software.put(ProvDocument.NS + ":bundles", ProvDocument.text(bundles()));
        software.put(ProvDocument.NS + ":configurations", ProvDocument.text(configurationHashes()));
        ProvDocument doc = new ProvDocument(history, software);
        lineage.forEach(doc::describe);
        doc.describe(activity);
        sourceRecords.forEach(doc::include);
        return doc.text();
    }

    private Map<String, Object> bundles() {
        Map<String, Object> out = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() != null) {
                out.put(bundle.getSymbolicName(), bundle.getVersion().toString());
            }
        }
        return out;
    }

    /** SHA-256 of each configuration's properties, sorted by key, so equal settings hash alike. */
    private Map<String, Object> configurationHashes() {
        ConfigurationAdmin admin = configurations;
        Map<String, Object> out = new TreeMap<>();
        if (admin == null) {
            return out;
        }
        try {
            Configuration[] all = admin.listConfigurations(null);
            for (Configuration configuration : all == null ? new Configuration[0] : all) {
                Dictionary<String, Object> properties = configuration.getProperties();
                if (properties == null) {
                    continue;
                }
                Map<String, String> sorted = new TreeMap<>();
                for (String key : Collections.list(properties.keys())) {
                    Object value = properties.get(key);
                    if (key.toLowerCase(java.util.Locale.ROOT).matches(".*(password|secret|token).*")) {
                        sorted.put(key, "(secret)"); // a hash of a secret would let a weak one be guessed offline
                        continue;
                    }
                    sorted.put(key, value instanceof Object[] ? java.util.Arrays.deepToString((Object[]) value)
                            : String.valueOf(value));
                }
                out.put(configuration.getPid(), sha256(sorted.toString()));
            }
        } catch (IOException | InvalidSyntaxException e) {
            out.put("error", "configurations not read: " + e);
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
