package org.condenser.provenance.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.condenser.api.provenance.DatasetActivity;
import org.condenser.api.provenance.StateHistory;
import org.condenser.api.provenance.StateSample;
import org.condenser.json.Json;

/**
 * One PROV-JSON document under construction: activities described into it (each with the dataset
 * it generated, the instruments it used and their state, its agents and what it was derived from)
 * and the records that sources carry, kept whole as bundles. Every activity is associated with the
 * one software agent, this runtime.
 */
final class ProvDocument {

    static final String NS = "cnd";
    static final String RUNTIME = NS + ":runtime";

    private final StateHistory history;
    private final Map<String, Object> entities = new LinkedHashMap<>();
    private final Map<String, Object> activities = new LinkedHashMap<>();
    private final Map<String, Object> agents = new LinkedHashMap<>();
    private final Map<String, Object> generated = new LinkedHashMap<>();
    private final Map<String, Object> used = new LinkedHashMap<>();
    private final Map<String, Object> associated = new LinkedHashMap<>();
    private final Map<String, Object> derived = new LinkedHashMap<>();
    private final Map<String, Object> alternates = new LinkedHashMap<>();
    private final Map<String, Object> bundles = new LinkedHashMap<>();
    private int relations;

    /** @param software the runtime's attributes as a software agent */
    ProvDocument(StateHistory history, Map<String, Object> software) {
        this.history = history;
        agents.put(RUNTIME, software);
    }

    /** A dataset's qualified name. */
    static String dataset(String id) {
        return NS + ":dataset/" + id(id);
    }

    /** A PROV qualified name's local part: letters, digits and . _ - only. */
    static String id(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** Describes what made one dataset; a dataset described twice keeps its first description. */
    void describe(DatasetActivity activity) {
        String dataset = dataset(activity.dataset());
        String act = NS + ":" + id(activity.activity()) + "/" + id(activity.dataset());
        if (activities.containsKey(act)) {
            return;
        }
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("prov:type", NS + ":Dataset");
        entity.put("prov:label", activity.dataset());
        activity.attributes().forEach((name, value) -> entity.put(NS + ":" + id(name), value));
        entities.put(dataset, entity);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("prov:startTime", activity.start().toString());
        a.put("prov:endTime", activity.end().toString());
        a.put("prov:type", NS + ":" + id(activity.activity()));
        activities.put(act, a);
        generated.put(relation("generated"), Map.of("prov:entity", dataset, "prov:activity", act, "prov:time",
                activity.end().toString()));

        for (String instrument : activity.instruments()) {
            String name = NS + ":instrument/" + id(instrument);
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("prov:type", NS + ":Instrument");
            e.put("prov:label", instrument);
            e.put(NS + ":stateAtStart", text(state(history.stateAt(instrument, activity.start()))));
            e.put(NS + ":drift", text(drift(history.samples(instrument, null, activity.start(), activity.end()))));
            // an instrument used by several activities is one entity: its state is the first activity's
            entities.putIfAbsent(name, e);
            used.put(relation("used"), Map.of("prov:activity", act, "prov:entity", name, "prov:time",
                    activity.start().toString()));
        }
        associated.put(relation("software"), Map.of("prov:activity", act, "prov:agent", RUNTIME));
        if (!activity.user().isEmpty()) {
            String user = NS + ":user/" + id(activity.user());
            agents.put(user, Map.of("prov:type", "prov:Person", "prov:label", activity.user()));
            associated.put(relation("user"), Map.of("prov:activity", act, "prov:agent", user));
        }
        if (!activity.policy().isEmpty()) {
            String policy = NS + ":policy/" + id(activity.policy());
            agents.put(policy, Map.of("prov:type", "prov:SoftwareAgent", "prov:label", activity.policy()));
            associated.put(relation("policy"), Map.of("prov:activity", act, "prov:agent", policy));
        }
        for (String source : activity.derivedFrom()) {
            String entitySource = dataset(source);
            entities.putIfAbsent(entitySource, Map.of("prov:type", NS + ":Dataset", "prov:label", source));
            derived.put(relation("derived"), Map.of("prov:generatedEntity", dataset, "prov:usedEntity", entitySource,
                    "prov:activity", act));
        }
    }

    /**
     * Keeps the record a source carries as a bundle of its own, with its own prefixes (its bundles
     * lifted beside it, as PROV bundles do not nest), and names the dataset it describes an
     * alternate of the source. A record that is not PROV-JSON (another program's, a damaged one) is
     * not kept; the source says why, and the dataset made from it loses nothing else.
     */
    void include(String source, String record) {
        String named = dataset(source);
        Object parsed;
        try {
            parsed = Json.parse(record);
        } catch (RuntimeException e) {
            parsed = e.getMessage();
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            entities.put(named, Map.of("prov:type", NS + ":Dataset", "prov:label", source, NS + ":recordNotKept",
                    "the provenance record it carries is not a PROV-JSON document"
                            + (parsed instanceof String why ? " (" + why + ")" : "")));
            return;
        }
        Map<String, Object> content = new LinkedHashMap<>();
        map.forEach((key, value) -> content.put(String.valueOf(key), value));
        if (content.remove("bundle") instanceof Map<?, ?> inner) {
            inner.forEach((key, value) -> bundles.putIfAbsent(String.valueOf(key), value));
        }
        bundles.put(NS + ":record/" + id(source), content);
        entities.putIfAbsent(named, Map.of("prov:type", NS + ":Dataset", "prov:label", source));
        for (String subject : subjects(content)) {
            if (!subject.equals(named)) {
                alternates.put(relation("alternate"), Map.of("prov:alternate1", named, "prov:alternate2", subject));
            }
        }
    }

    /** What a record is about: the datasets it generates that nothing in it was derived from. */
    private static Set<String> subjects(Map<String, Object> content) {
        Set<String> made = new LinkedHashSet<>();
        Set<String> sources = new HashSet<>();
        if (content.get("wasGeneratedBy") instanceof Map<?, ?> generations) {
            generations.values().forEach(g -> {
                if (g instanceof Map<?, ?> m && m.get("prov:entity") instanceof String e) {
                    made.add(e);
                }
            });
        }
        if (content.get("wasDerivedFrom") instanceof Map<?, ?> derivations) {
            derivations.values().forEach(d -> {
                if (d instanceof Map<?, ?> m && m.get("prov:usedEntity") instanceof String e) {
                    sources.add(e);
                }
            });
        }
        made.removeAll(sources);
        return made;
    }

    String text() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("prefix", Map.of(NS, "urn:condenser:", "xsd", "http://www.w3.org/2001/XMLSchema#"));
        doc.put("entity", entities);
        doc.put("activity", activities);
        doc.put("agent", agents);
        doc.put("wasGeneratedBy", generated);
        put(doc, "used", used);
        doc.put("wasAssociatedWith", associated);
        put(doc, "wasDerivedFrom", derived);
        put(doc, "alternateOf", alternates);
        put(doc, "bundle", bundles);
        return Json.pretty(doc);
    }

    private static void put(Map<String, Object> doc, String key, Map<String, Object> relations) {
        if (!relations.isEmpty()) {
            doc.put(key, relations);
        }
    }

    private String relation(String kind) {
        return "_:" + kind + (++relations);
    }

    /** Structured values travel as JSON text in a typed literal. */
    static Map<String, Object> text(Object value) {
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
}
