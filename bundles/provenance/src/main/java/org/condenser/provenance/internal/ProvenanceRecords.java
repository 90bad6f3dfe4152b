package org.condenser.provenance.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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
import org.condenser.api.provenance.StateSample;
import org.condenser.json.Json;
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
 * out), and the
 * datasets it was derived from. Values with structure (state, drift, bundles, configurations) are
 * JSON text in typed literals, so any PROV reader takes the document.
 */
@Component(service = Provenance.class)
public final class ProvenanceRecords implements Provenance {

    private static final String NS = "cnd";

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
    public String record(DatasetActivity activity) {
        String dataset = NS + ":dataset/" + id(activity.dataset());
        String act = NS + ":" + id(activity.activity()) + "/" + id(activity.dataset());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("prefix", Map.of(NS, "urn:condenser:", "xsd", "http://www.w3.org/2001/XMLSchema#"));
        Map<String, Object> entities = new LinkedHashMap<>();
        Map<String, Object> activities = new LinkedHashMap<>();
        Map<String, Object> agents = new LinkedHashMap<>();
        Map<String, Object> generated = new LinkedHashMap<>();
        Map<String, Object> used = new LinkedHashMap<>();
        Map<String, Object> associated = new LinkedHashMap<>();
        Map<String, Object> derived = new LinkedHashMap<>();

        entities.put(dataset, Map.of("prov:type", NS + ":Dataset", "prov:label", activity.dataset()));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("prov:startTime", activity.start().toString());
        a.put("prov:endTime", activity.end().toString());
        a.put("prov:type", NS + ":" + id(activity.activity()));
        activities.put(act, a);
        generated.put("_:generated", Map.of("prov:entity", dataset, "prov:activity", act, "prov:time",
                activity.end().toString()));

        int n = 0;
        for (String instrument : activity.instruments()) {
            String entity = NS + ":instrument/" + id(instrument);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("prov:type", NS + ":Instrument");
            e.put("prov:label", instrument);
            e.put(NS + ":stateAtStart", text(state(history.stateAt(instrument, activity.start()))));
            e.put(NS + ":drift", text(drift(history.samples(instrument, null, activity.start(), activity.end()))));
            entities.put(entity, e);
            used.put("_:used" + (++n), Map.of("prov:activity", act, "prov:entity", entity, "prov:time",
                    activity.start().toString()));
        }

        String runtime = NS + ":runtime";
        Map<String, Object> software = new LinkedHashMap<>();
        software.put("prov:type", "prov:SoftwareAgent");
        software.put("prov:label", "Condenser " + context.getBundle().getVersion());
        software.put(NS + ":bundles", text(bundles()));
        software.put(NS + ":configurations", text(configurationHashes()));
        agents.put(runtime, software);
        associated.put("_:software", Map.of("prov:activity", act, "prov:agent", runtime));
        if (!activity.user().isEmpty()) {
            String user = NS + ":user/" + id(activity.user());
            agents.put(user, Map.of("prov:type", "prov:Person", "prov:label", activity.user()));
            associated.put("_:user", Map.of("prov:activity", act, "prov:agent", user));
        }
        if (!activity.policy().isEmpty()) {
            String policy = NS + ":policy/" + id(activity.policy());
            agents.put(policy, Map.of("prov:type", "prov:SoftwareAgent", "prov:label", activity.policy()));
            associated.put("_:policy", Map.of("prov:activity", act, "prov:agent", policy));
        }
        n = 0;
        for (String source : activity.derivedFrom()) {
            String entity = NS + ":dataset/" + id(source);
            entities.putIfAbsent(entity, Map.of("prov:type", NS + ":Dataset", "prov:label", source));
            derived.put("_:derived" + (++n), Map.of("prov:generatedEntity", dataset, "prov:usedEntity", entity));
        }

        doc.put("entity", entities);
        doc.put("activity", activities);
        doc.put("agent", agents);
        doc.put("wasGeneratedBy", generated);
        if (!used.isEmpty()) {
            doc.put("used", used);
        }
        doc.put("wasAssociatedWith", associated);
        if (!derived.isEmpty()) {
            doc.put("wasDerivedFrom", derived);
        }
        return Json.pretty(doc);
    }

    /** A PROV qualified name's local part: letters, digits and . _ - only. */
    static String id(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Structured values travel as JSON text in a typed literal. */
    private static Map<String, Object> text(Object value) {
        return Map.of("$", Json.write(value), "type", "xsd:string");
    }

    private static Map<String, Object> state(Map<String, StateSample> state) {
        Map<String, Object> out = new TreeMap<>();
        state.forEach((property, sample) -> out.put(property, Map.of("value", sample.value() == null ? "null"
                : sample.value(), "unit", sample.unit(), "time", sample.time().toString())));
        return out;
    }

    /** Per property: samples kept, first and last value, and for numbers the range they spanned. */
    static Map<String, Object> drift(List<StateSample> samples) {
        Map<String, List<StateSample>> byProperty = new TreeMap<>();
        for (StateSample sample : samples) {
            byProperty.computeIfAbsent(sample.property(), p -> new ArrayList<>()).add(sample);
        }
        Map<String, Object> out = new TreeMap<>();
        byProperty.forEach((property, list) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("samples", list.size());
            d.put("first", String.valueOf(list.get(0).value()));
            d.put("last", String.valueOf(list.get(list.size() - 1).value()));
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (StateSample s : list) {
                if (s.value() instanceof Number) {
                    min = Math.min(min, ((Number) s.value()).doubleValue());
                    max = Math.max(max, ((Number) s.value()).doubleValue());
                }
            }
            if (min <= max) {
                d.put("min", min);
                d.put("max", max);
                d.put("span", max - min);
            }
            d.put("unit", list.get(0).unit());
            out.put(property, d);
        });
        return out;
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
