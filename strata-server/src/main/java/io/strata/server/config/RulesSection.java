package io.strata.server.config;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.policy.StoragePolicy;
import io.strata.aggregator.rules.AggregationType;
import io.strata.aggregator.rules.DropRule;
import io.strata.aggregator.rules.InvalidRuleException;
import io.strata.aggregator.rules.MappingRule;
import io.strata.aggregator.rules.RollupKind;
import io.strata.aggregator.rules.RollupRule;
import io.strata.aggregator.rules.RuleSet;
import io.strata.aggregator.rules.SeriesFilter;
import io.strata.server.config.TreeReader.Item;
import io.strata.server.config.YamlTree.Entry;
import io.strata.server.config.YamlTree.Mapping;
import io.strata.server.config.YamlTree.Node;
import io.strata.server.config.YamlTree.Scalar;
import io.strata.server.config.YamlTree.Sequence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code rules} section ({@code mapping}, {@code rollup} and {@code drop} lists) and
 * builds the {@link RuleSet}. Every error, including those {@link RuleSet#of} finds, names the
 * file, the line and the key ({@code rules.mapping[0].namespaces}).
 *
 * <p>A filter is given under {@code filter} in M3's syntax ({@code app:nginx* env:prod}) or under
 * {@code match} as a PromQL selector, never both. Namespaces are given by name under
 * {@code namespaces} (a {@code resolution:retention} text there names the namespace with that
 * policy) or by policy under {@code policies}.
 */
final class RulesSection {
    static final List<String> SECTION_KEYS = List.of("mapping", "rollup", "drop");
    static final List<String> MAPPING_KEYS = List.of("name", "filter", "match", "aggregations", "namespaces", "policies");
    static final List<String> ROLLUP_KEYS = List.of("name", "filter", "match", "metricName", "groupBy", "without", "type",
            "aggregation", "namespaces", "policies");
    static final List<String> DROP_KEYS = List.of("name", "filter", "match", "namespaces", "policies");

    private final TreeReader reader;
    private final List<NamespaceSpec> namespaces;
    private final List<Mapping> mappingNodes = new ArrayList<>();
    private final List<Mapping> rollupNodes = new ArrayList<>();
    private final List<Mapping> dropNodes = new ArrayList<>();

    private RulesSection(TreeReader reader, List<NamespaceSpec> namespaces) {
        this.reader = reader;
        this.namespaces = namespaces;
    }

    /** @param section the section's value, or {@code null} when the file has none */
    static RuleSet resolve(Node section, TreeReader reader, List<NamespaceSpec> namespaces) {
        return new RulesSection(reader, namespaces).read(section);
    }

    private RuleSet read(Node section) {
        List<MappingRule> mapping = new ArrayList<>();
        List<RollupRule> rollup = new ArrayList<>();
        List<DropRule> drop = new ArrayList<>();
        if (section != null && !(section instanceof Scalar s && s.text() == null)) {
            Mapping rules = reader.mapping(section, "rules", "the rules section", SECTION_KEYS, "rules:\\n  mapping: [...]");
            for (Mapping m : items(rules, "mapping", MAPPING_KEYS, "a mapping rule", mappingNodes)) {
                mapping.add(mappingRule(m, "rules.mapping[" + mapping.size() + "]", mapping.size()));
            }
            for (Mapping m : items(rules, "rollup", ROLLUP_KEYS, "a rollup rule", rollupNodes)) {
                rollup.add(rollupRule(m, "rules.rollup[" + rollup.size() + "]", rollup.size()));
            }
            for (Mapping m : items(rules, "drop", DROP_KEYS, "a drop rule", dropNodes)) {
                drop.add(dropRule(m, "rules.drop[" + drop.size() + "]", drop.size()));
            }
        }
        try {
            return RuleSet.of(namespaces, mapping, rollup, drop);
        } catch (InvalidRuleException e) {
            throw located(e, e.index());
        }
    }

    private List<Mapping> items(Mapping rules, String key, List<String> keys, String what, List<Mapping> into) {
        Sequence seq = reader.list(rules.entries().get(key), "rules." + key);
        if (seq != null) {
            for (int i = 0; i < seq.items().size(); i++) {
                into.add(reader.mapping(seq.items().get(i), "rules." + key + "[" + i + "]", what, keys, "- name: ..."));
            }
        }
        return into;
    }

    private MappingRule mappingRule(Mapping m, String path, int index) {
        String name = name(m, path);
        SeriesFilter filter = filter(m, path);
        List<AggregationType> aggregations = new ArrayList<>();
        List<Item> items = reader.strings(m.entries().get("aggregations"), path + ".aggregations");
        for (Item item : items == null ? List.<Item>of() : items) {
            aggregations.add(aggregation(item.line(), path + ".aggregations", item.text()));
        }
        List<String> ns = namespaces(m, path, true);
        try {
            return new MappingRule(name, filter, aggregations, ns);
        } catch (InvalidRuleException e) {
            throw located(e, index);
        }
    }

    private RollupRule rollupRule(Mapping m, String path, int index) {
        String name = name(m, path);
        SeriesFilter filter = filter(m, path);
        String metricName = reader.scalar(m.entries().get("metricName"), path + ".metricName");
        List<String> groupBy = strings(m, "groupBy", path);
        List<String> without = strings(m, "without", path);
        Entry typeEntry = m.entries().get("type");
        String type = reader.scalar(typeEntry, path + ".type");
        if (type == null) {
            throw reader.error(m.line(), path, "type is missing: counter or gauge");
        }
        RollupKind kind = switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "counter" -> RollupKind.COUNTER;
            case "gauge" -> RollupKind.GAUGE;
            default -> throw reader.error(typeEntry.line(), path + ".type", "not counter or gauge: \"" + type + "\"");
        };
        Entry aggregationEntry = m.entries().get("aggregation");
        String aggregationText = reader.scalar(aggregationEntry, path + ".aggregation");
        AggregationType aggregation = aggregationText == null
                ? null
                : aggregation(aggregationEntry.line(), path + ".aggregation", aggregationText);
        List<String> ns = namespaces(m, path, true);
        try {
            return new RollupRule(name, filter, metricName, groupBy, without, kind, aggregation, ns);
        } catch (InvalidRuleException e) {
            throw located(e, index);
        }
    }

    private DropRule dropRule(Mapping m, String path, int index) {
        String name = name(m, path);
        SeriesFilter filter = filter(m, path);
        List<String> ns = namespaces(m, path, false);
        try {
            return new DropRule(name, filter, ns);
        } catch (InvalidRuleException e) {
            throw located(e, index);
        }
    }

    private String name(Mapping m, String path) {
        String name = reader.scalar(m.entries().get("name"), path + ".name");
        if (name == null) {
            throw reader.error(m.line(), path, "name is missing: every rule has a unique name");
        }
        return name;
    }

    private SeriesFilter filter(Mapping m, String path) {
        Entry filter = m.entries().get("filter");
        Entry match = m.entries().get("match");
        if (filter != null && match != null) {
            throw reader.error(match.line(), path + ".match", "give filter (M3 syntax) or match (PromQL selector), not both");
        }
        if (filter == null && match == null) {
            throw reader.error(m.line(), path, "filter or match is missing: write filter: 'app:nginx* env:prod' or "
                    + "match: '{__name__=~\"http_.*\"}'");
        }
        Entry used = filter != null ? filter : match;
        String key = filter != null ? "filter" : "match";
        String text = reader.scalar(used, path + "." + key);
        try {
            return filter != null ? SeriesFilter.parseM3(text) : SeriesFilter.parsePromql(text);
        } catch (IllegalArgumentException e) {
            throw reader.error(used.line(), path + "." + key, e.getMessage());
        }
    }

    private AggregationType aggregation(int line, String path, String text) {
        try {
            return AggregationType.parse(text);
        } catch (IllegalArgumentException e) {
            throw reader.error(line, path, e.getMessage());
        }
    }

    private List<String> strings(Mapping m, String key, String path) {
        List<Item> items = reader.strings(m.entries().get(key), path + "." + key);
        return items == null ? List.of() : TreeReader.texts(items);
    }

    /** Names from {@code namespaces}, or resolved from {@code policies}; policies may also appear in namespaces. */
    private List<String> namespaces(Mapping m, String path, boolean required) {
        Entry byName = m.entries().get("namespaces");
        Entry byPolicy = m.entries().get("policies");
        if (byName != null && byPolicy != null) {
            throw reader.error(byPolicy.line(), path + ".policies", "give namespaces or policies, not both");
        }
        if (byName == null && byPolicy == null) {
            if (required) {
                throw reader.error(m.line(), path, "namespaces is missing: name the aggregated namespaces the rule writes, "
                        + "like namespaces: [1m]");
            }
            return List.of();
        }
        String key = byName != null ? "namespaces" : "policies";
        List<String> names = new ArrayList<>();
        for (Item item : reader.strings(byName != null ? byName : byPolicy, path + "." + key)) {
            String text = item.text().strip();
            if (byPolicy == null && text.indexOf(':') < 0) {
                names.add(text);
                continue;
            }
            names.add(byPolicy(item.line(), path + "." + key, text));
        }
        return names;
    }

    private String byPolicy(int line, String path, String text) {
        StoragePolicy policy;
        try {
            policy = StoragePolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw reader.error(line, path, e.getMessage());
        }
        StringBuilder known = new StringBuilder();
        for (NamespaceSpec ns : namespaces) {
            if (ns.policy().equals(policy)) {
                return ns.name();
            }
            known.append(known.isEmpty() ? "" : ", ").append(ns.policy());
        }
        throw reader.error(line, path, "no namespace has the policy " + policy + "; policies are " + known);
    }

    /** The error at the line of the rule's field, or of the rule when the field was not written. */
    private ConfigException located(InvalidRuleException e, int index) {
        String list = e.ruleType().text();
        List<Mapping> nodes = switch (e.ruleType()) {
            case MAPPING -> mappingNodes;
            case ROLLUP -> rollupNodes;
            case DROP -> dropNodes;
        };
        Mapping rule = nodes.get(index);
        String field = e.field();
        if (field.equals("filter") && !rule.entries().containsKey("filter")) {
            field = "match";
        }
        if (field.equals("namespaces") && rule.entries().containsKey("policies")) {
            field = "policies";
        }
        Entry entry = rule.entries().get(field);
        String path = "rules." + list + "[" + index + "]";
        if (entry == null) {
            return reader.error(rule.line(), path, e.problem());
        }
        return reader.error(entry.line(), path + "." + field, e.problem());
    }
}
