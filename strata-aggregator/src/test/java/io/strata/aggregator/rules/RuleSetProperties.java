package io.strata.aggregator.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link RuleSet#route} agrees with a plain reading of M3's routing rules, written the slow way:
 * for each namespace, walk every rule.
 */
class RuleSetProperties {
    private static final List<String> AGGREGATED = List.of("1m", "1h");
    private static final List<String> FILTERS = List.of("env:prod", "env:!prod", "app:nginx*", "app:*", "{__name__=~\"http_.*\"}",
            "{__name__=\"cpu\", env=~\"prod|dev\"}", "__name__:{http,cpu}*");

    @Property(tries = 300)
    void routeAgreesWithReference(@ForAll("series") Labels series, @ForAll("mappingRules") List<MappingRule> mapping,
            @ForAll("rollupRules") List<RollupRule> rollup, @ForAll("dropRules") List<DropRule> drop) {
        RuleSet rs = RuleSet.of(RuleSetTest.ALL, mapping, rollup, drop);
        SeriesRoute actual = rs.route(series);
        assertThat(actual).isEqualTo(reference(series, mapping, rollup, drop));
        assertThat(rs.route(series)).isEqualTo(actual);
    }

    private static SeriesRoute reference(Labels series, List<MappingRule> mapping, List<RollupRule> rollup, List<DropRule> drop) {
        boolean storeRaw = true;
        for (DropRule d : drop) {
            if (d.filter().matches(series) && (d.namespaces().isEmpty() || d.namespaces().contains("raw"))) {
                storeRaw = false;
            }
        }
        List<MappingTarget> mappings = new ArrayList<>();
        for (String ns : AGGREGATED) {
            boolean dropped = false;
            for (DropRule d : drop) {
                dropped |= d.filter().matches(series) && (d.namespaces().isEmpty() || d.namespaces().contains(ns));
            }
            if (dropped) {
                continue;
            }
            Set<AggregationType> aggs = new LinkedHashSet<>();
            boolean named = false;
            for (MappingRule m : mapping) {
                if (m.namespaces().contains(ns)) {
                    named = true;
                    if (m.filter().matches(series)) {
                        aggs.addAll(m.aggregations());
                    }
                }
            }
            if (!named) {
                aggs.add(AggregationType.LAST);
            }
            for (AggregationType a : aggs) {
                Labels out = series;
                if (aggs.size() > 1) {
                    LabelsBuilder b = new LabelsBuilder();
                    series.forEach(b::add);
                    out = b.set("__name__", series.metricName() + ":" + a.text()).build();
                }
                mappings.add(new MappingTarget(ns, a, out));
            }
        }
        List<RollupTarget> rollups = new ArrayList<>();
        for (RollupRule r : rollup) {
            if (!r.filter().matches(series)) {
                continue;
            }
            LabelsBuilder b = new LabelsBuilder();
            series.forEach((n, v) -> {
                boolean keep = !n.equals("__name__")
                        && (r.groupBy().isEmpty() ? !r.without().isEmpty() && !r.without().contains(n) : r.groupBy().contains(n));
                if (keep) {
                    b.add(n, v);
                }
            });
            b.add("__name__", r.metricName() == null ? series.metricName() : r.metricName());
            for (String ns : r.namespaces()) {
                RollupTarget t = new RollupTarget(ns, r.name(), b.build(), r.kind(), r.aggregation());
                if (!rollups.contains(t)) {
                    rollups.add(t);
                }
            }
        }
        return new SeriesRoute(storeRaw, mappings, rollups);
    }

    @Provide
    Arbitrary<Labels> series() {
        return Combinators.combine(
                        Arbitraries.of("http_requests", "http_latency", "cpu", "mem"),
                        Arbitraries.of("", "prod", "dev"),
                        Arbitraries.of("", "nginx", "nginx-2", "apache"),
                        Arbitraries.of("", "i1", "i2"))
                .as((name, env, app, instance) -> Labels.of("__name__", name, "env", env, "app", app, "instance", instance));
    }

    private static Arbitrary<SeriesFilter> filters() {
        return Arbitraries.of(FILTERS).map(SeriesFilter::parse);
    }

    private static Arbitrary<List<String>> namespaceLists(int min) {
        return Arbitraries.of(AGGREGATED).set().ofMinSize(min).map(s -> List.copyOf(new LinkedHashSet<>(s)));
    }

    @Provide
    Arbitrary<List<MappingRule>> mappingRules() {
        Arbitrary<List<AggregationType>> aggs = Arbitraries.of(AggregationType.LAST, AggregationType.MAX, AggregationType.P99,
                AggregationType.SUM).list().ofMaxSize(3);
        return Combinators.combine(filters(), aggs, namespaceLists(1)).as((f, a, ns) -> new Object[] {f, a, ns})
                .list().ofMaxSize(4)
                .map(list -> {
                    List<MappingRule> rules = new ArrayList<>();
                    for (Object[] o : list) {
                        @SuppressWarnings("unchecked")
                        MappingRule r = new MappingRule("m" + rules.size(), (SeriesFilter) o[0], (List<AggregationType>) o[1],
                                (List<String>) o[2]);
                        rules.add(r);
                    }
                    return rules;
                });
    }

    @Provide
    Arbitrary<List<RollupRule>> rollupRules() {
        Arbitrary<List<String>> labelSets = Arbitraries.of("env", "app", "instance").set().ofMaxSize(2).map(List::copyOf);
        return Combinators.combine(filters(), Arbitraries.of("", "rolled"), labelSets, Arbitraries.of(true, false), namespaceLists(1),
                        Arbitraries.of(RollupKind.values()))
                .as((f, name, labels, isGroupBy, ns, kind) -> new Object[] {f, name, labels, isGroupBy, ns, kind})
                .list().ofMaxSize(3)
                .map(list -> {
                    List<RollupRule> rules = new ArrayList<>();
                    for (Object[] o : list) {
                        @SuppressWarnings("unchecked")
                        List<String> labels = (List<String>) o[2];
                        boolean isGroupBy = (Boolean) o[3];
                        @SuppressWarnings("unchecked")
                        List<String> ns = (List<String>) o[4];
                        rules.add(new RollupRule("r" + rules.size(), (SeriesFilter) o[0], ((String) o[1]).isEmpty() ? null : (String) o[1],
                                isGroupBy ? labels : List.of(), isGroupBy ? List.of() : labels, (RollupKind) o[5], null, ns));
                    }
                    return rules;
                });
    }

    @Provide
    Arbitrary<List<DropRule>> dropRules() {
        Arbitrary<List<String>> ns = Arbitraries.of("raw", "1m", "1h").set().ofMaxSize(2).map(List::copyOf);
        return Combinators.combine(filters(), ns).as((f, n) -> new Object[] {f, n}).list().ofMaxSize(2)
                .map(list -> {
                    List<DropRule> rules = new ArrayList<>();
                    for (Object[] o : list) {
                        @SuppressWarnings("unchecked")
                        List<String> n = (List<String>) o[1];
                        rules.add(new DropRule("d" + rules.size(), (SeriesFilter) o[0], n));
                    }
                    return rules;
                });
    }

    @Property(tries = 50)
    void emptyRuleSetMapsEverySeriesWithLast(@ForAll("series") Labels series) {
        List<NamespaceSpec> all = RuleSetTest.ALL;
        SeriesRoute route = RuleSet.of(all, List.of(), List.of(), List.of()).route(series);
        assertThat(route.storeRaw()).isTrue();
        assertThat(route.mappings()).extracting(MappingTarget::namespace).containsExactlyElementsOf(AGGREGATED);
        assertThat(route.mappings()).allSatisfy(t -> {
            assertThat(t.aggregation()).isEqualTo(AggregationType.LAST);
            assertThat(t.output()).isEqualTo(series);
        });
    }
}
