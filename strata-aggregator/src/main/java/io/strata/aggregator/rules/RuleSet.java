package io.strata.aggregator.rules;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.rules.InvalidRuleException.RuleType;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The namespaces and the mapping, rollup and drop rules of one configuration, routing each new
 * series the way M3's rules do:
 *
 * <ul>
 *   <li><b>raw</b>: the raw namespace stores every series except those a matching drop rule keeps
 *       out of it (a drop rule listing the raw namespace, or listing none).
 *   <li><b>aggregated namespace N</b>: when at least one mapping rule names N, only the matching
 *       ones apply to N, each adding its aggregations, and a series matching none of them does not
 *       reach N. When no mapping rule names N, every series is mapped to N with {@code last}
 *       (auto-mapping). A matching drop rule that covers N removes the series' mappings to N. With
 *       one aggregation for (series, N) the output keeps the input's labels; with several, each
 *       output's name gets {@code :<aggregation>} appended ({@code http_latency:p99}).
 *   <li><b>rollups</b>: each matching rollup rule gives one target per namespace it names, labelled
 *       with the kept labels present on the input and {@code __name__} set to the rule's
 *       metricName, or to the input's name. Drop rules do not affect rollups.
 * </ul>
 *
 * {@link #route} runs once per new series, so everything that does not depend on the series is
 * worked out here: which mapping rules apply to which namespace, which drop rules cover what.
 * Every filter is evaluated once per call and no regex is compiled. Immutable and thread-safe.
 */
public final class RuleSet implements SeriesRouter {
    private static final List<AggregationType> AUTO_MAPPING = List.of(AggregationType.LAST);

    private final List<NamespaceSpec> namespaces;
    private final NamespaceSpec raw;
    private final List<MappingRule> mappingRules;
    private final List<RollupRule> rollupRules;
    private final List<DropRule> dropRules;

    // Per aggregated namespace, in the order of aggregatedNames: indices into mappingRules of the
    // rules naming it (empty = auto-mapping), and per drop rule whether it covers the namespace.
    private final String[] aggregatedNames;
    private final int[][] mappingRulesByNamespace;
    private final boolean[][] dropCoversNamespace; // [namespace][drop rule]
    private final boolean[] dropCoversRaw;
    private final boolean needsLabelMap;

    private RuleSet(List<NamespaceSpec> namespaces, NamespaceSpec raw, List<MappingRule> mappingRules,
            List<RollupRule> rollupRules, List<DropRule> dropRules) {
        this.namespaces = namespaces;
        this.raw = raw;
        this.mappingRules = mappingRules;
        this.rollupRules = rollupRules;
        this.dropRules = dropRules;
        List<String> aggregated = new ArrayList<>();
        for (NamespaceSpec ns : namespaces) {
            if (!ns.isRaw()) {
                aggregated.add(ns.name());
            }
        }
        aggregatedNames = aggregated.toArray(String[]::new);
        mappingRulesByNamespace = new int[aggregatedNames.length][];
        dropCoversNamespace = new boolean[aggregatedNames.length][dropRules.size()];
        for (int n = 0; n < aggregatedNames.length; n++) {
            List<Integer> rules = new ArrayList<>();
            for (int r = 0; r < mappingRules.size(); r++) {
                if (mappingRules.get(r).namespaces().contains(aggregatedNames[n])) {
                    rules.add(r);
                }
            }
            mappingRulesByNamespace[n] = rules.stream().mapToInt(Integer::intValue).toArray();
            for (int d = 0; d < dropRules.size(); d++) {
                dropCoversNamespace[n][d] = dropRules.get(d).covers(aggregatedNames[n]);
            }
        }
        dropCoversRaw = new boolean[dropRules.size()];
        for (int d = 0; d < dropRules.size(); d++) {
            dropCoversRaw[d] = dropRules.get(d).covers(raw.name());
        }
        needsLabelMap = !mappingRules.isEmpty() || !rollupRules.isEmpty() || !dropRules.isEmpty();
    }

    /**
     * Checks and builds a rule set.
     *
     * @param namespaces exactly one raw namespace and any number of aggregated ones, names unique
     * @throws IllegalArgumentException for a problem with the namespaces
     * @throws InvalidRuleException naming the rule, its position and field: a name used by two
     *     rules, a namespace that does not exist or is raw where an aggregated one is needed
     */
    public static RuleSet of(List<NamespaceSpec> namespaces, List<MappingRule> mappingRules, List<RollupRule> rollupRules,
            List<DropRule> dropRules) {
        List<NamespaceSpec> ns = List.copyOf(namespaces);
        Map<String, NamespaceSpec> byName = new HashMap<>();
        NamespaceSpec raw = null;
        for (NamespaceSpec spec : ns) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("namespace name \"" + spec.name() + "\" is used twice");
            }
            if (spec.isRaw()) {
                if (raw != null) {
                    throw new IllegalArgumentException("namespaces " + raw.name() + " and " + spec.name()
                            + " are both raw; there is one raw namespace");
                }
                raw = spec;
            }
        }
        if (raw == null) {
            throw new IllegalArgumentException("no raw namespace among " + names(ns) + "; exactly one is needed");
        }
        List<MappingRule> mapping = List.copyOf(mappingRules);
        List<RollupRule> rollup = List.copyOf(rollupRules);
        List<DropRule> drop = List.copyOf(dropRules);
        Set<String> ruleNames = new HashSet<>();
        for (int i = 0; i < mapping.size(); i++) {
            MappingRule r = mapping.get(i);
            uniqueName(ruleNames, RuleType.MAPPING, i, r.name());
            checkNamespaces(ns, byName, RuleType.MAPPING, i, r.name(), r.namespaces(), true);
        }
        for (int i = 0; i < rollup.size(); i++) {
            RollupRule r = rollup.get(i);
            uniqueName(ruleNames, RuleType.ROLLUP, i, r.name());
            checkNamespaces(ns, byName, RuleType.ROLLUP, i, r.name(), r.namespaces(), true);
        }
        for (int i = 0; i < drop.size(); i++) {
            DropRule r = drop.get(i);
            uniqueName(ruleNames, RuleType.DROP, i, r.name());
            checkNamespaces(ns, byName, RuleType.DROP, i, r.name(), r.namespaces(), false);
        }
        return new RuleSet(ns, raw, mapping, rollup, drop);
    }

    private static void uniqueName(Set<String> names, RuleType type, int index, String name) {
        if (!names.add(name)) {
            throw new InvalidRuleException(type, index, name, "name", "the rule name \"" + name
                    + "\" is already used by another rule; names are unique across mapping, rollup and drop rules");
        }
    }

    private static void checkNamespaces(List<NamespaceSpec> all, Map<String, NamespaceSpec> byName, RuleType type, int index,
            String rule, List<String> listed, boolean aggregatedOnly) {
        for (String name : listed) {
            NamespaceSpec spec = byName.get(name);
            if (spec == null) {
                throw new InvalidRuleException(type, index, rule, "namespaces",
                        "namespace \"" + name + "\" does not exist; namespaces are " + names(all));
            }
            if (aggregatedOnly && spec.isRaw()) {
                throw new InvalidRuleException(type, index, rule, "namespaces", "namespace \"" + name
                        + "\" is raw; " + type.text() + " rules write aggregated namespaces");
            }
        }
    }

    private static String names(List<NamespaceSpec> namespaces) {
        StringBuilder sb = new StringBuilder();
        for (NamespaceSpec ns : namespaces) {
            sb.append(sb.isEmpty() ? "" : ", ").append(ns.name());
        }
        return sb.toString();
    }

    @Override
    public SeriesRoute route(Labels series) {
        Map<String, String> labels = needsLabelMap ? series.toMap() : Map.of();
        boolean[] dropMatched = new boolean[dropRules.size()];
        boolean storeRaw = true;
        for (int d = 0; d < dropMatched.length; d++) {
            dropMatched[d] = dropRules.get(d).filter().matches(labels);
            storeRaw &= !(dropMatched[d] && dropCoversRaw[d]);
        }
        boolean[] mappingMatched = new boolean[mappingRules.size()];
        for (int r = 0; r < mappingMatched.length; r++) {
            mappingMatched[r] = mappingRules.get(r).filter().matches(labels);
        }
        List<MappingTarget> mappings = new ArrayList<>();
        Set<AggregationType> aggregations = new LinkedHashSet<>();
        for (int n = 0; n < aggregatedNames.length; n++) {
            if (dropped(dropMatched, dropCoversNamespace[n])) {
                continue;
            }
            aggregations.clear();
            int[] rules = mappingRulesByNamespace[n];
            if (rules.length == 0) {
                aggregations.addAll(AUTO_MAPPING);
            }
            for (int r : rules) {
                if (mappingMatched[r]) {
                    aggregations.addAll(mappingRules.get(r).aggregations());
                }
            }
            boolean suffix = aggregations.size() > 1;
            for (AggregationType a : aggregations) {
                mappings.add(new MappingTarget(aggregatedNames[n], a, suffix ? suffixed(series, a) : series));
            }
        }
        List<RollupTarget> rollups = new ArrayList<>();
        for (RollupRule rule : rollupRules) {
            if (rule.filter().matches(labels)) {
                Labels output = rollupOutput(rule, labels);
                for (String ns : rule.namespaces()) {
                    RollupTarget t = new RollupTarget(ns, rule.name(), output, rule.kind(), rule.aggregation());
                    if (!rollups.contains(t)) {
                        rollups.add(t);
                    }
                }
            }
        }
        if (storeRaw && mappings.isEmpty() && rollups.isEmpty()) {
            return SeriesRoute.RAW_ONLY;
        }
        return new SeriesRoute(storeRaw, mappings, rollups);
    }

    private static boolean dropped(boolean[] dropMatched, boolean[] covers) {
        for (int d = 0; d < dropMatched.length; d++) {
            if (dropMatched[d] && covers[d]) {
                return true;
            }
        }
        return false;
    }

    /** A series without a name gets just the suffix, so its copies still stay apart. */
    private static Labels suffixed(Labels series, AggregationType aggregation) {
        String name = Objects.requireNonNullElse(series.metricName(), "");
        LabelsBuilder b = new LabelsBuilder();
        series.forEach(b::add);
        return b.set(Labels.METRIC_NAME, name + ":" + aggregation.text()).build();
    }

    private static Labels rollupOutput(RollupRule rule, Map<String, String> labels) {
        LabelsBuilder b = new LabelsBuilder();
        if (!rule.groupBy().isEmpty()) {
            for (String name : rule.groupBy()) {
                String value = labels.get(name);
                if (value != null) {
                    b.add(name, value);
                }
            }
        } else if (!rule.without().isEmpty()) {
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!e.getKey().equals(Labels.METRIC_NAME) && !rule.without().contains(e.getKey())) {
                    b.add(e.getKey(), e.getValue());
                }
            }
        }
        String name = rule.metricName() != null ? rule.metricName() : labels.get(Labels.METRIC_NAME);
        if (name != null) {
            b.add(Labels.METRIC_NAME, name);
        }
        return b.build();
    }

    /** Every namespace, raw included, in configuration order. */
    public List<NamespaceSpec> namespaces() {
        return namespaces;
    }

    public NamespaceSpec raw() {
        return raw;
    }

    /** The namespace with this name, or {@code null}. */
    public NamespaceSpec namespace(String name) {
        for (NamespaceSpec ns : namespaces) {
            if (ns.name().equals(name)) {
                return ns;
            }
        }
        return null;
    }

    public List<MappingRule> mappingRules() {
        return mappingRules;
    }

    public List<RollupRule> rollupRules() {
        return rollupRules;
    }

    public List<DropRule> dropRules() {
        return dropRules;
    }

    /** Rule sets are equal when their namespaces and rules are, in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSet r && r.namespaces.equals(namespaces) && r.mappingRules.equals(mappingRules)
                && r.rollupRules.equals(rollupRules) && r.dropRules.equals(dropRules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespaces, mappingRules, rollupRules, dropRules);
    }

    @Override
    public String toString() {
        return "RuleSet[namespaces=" + names(namespaces) + ", mapping=" + mappingRules.size() + ", rollup="
                + rollupRules.size() + ", drop=" + dropRules.size() + "]";
    }
}
