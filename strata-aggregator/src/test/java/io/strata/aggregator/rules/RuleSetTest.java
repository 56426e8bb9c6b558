package io.strata.aggregator.rules;

import static io.strata.aggregator.rules.AggregationType.LAST;
import static io.strata.aggregator.rules.AggregationType.MAX;
import static io.strata.aggregator.rules.AggregationType.P99;
import static io.strata.aggregator.rules.AggregationType.SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.policy.StoragePolicy;
import io.strata.aggregator.rules.InvalidRuleException.RuleType;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSetTest {
    static final NamespaceSpec RAW = namespace("raw", "raw:15d");
    static final NamespaceSpec M1 = namespace("1m", "1m:90d");
    static final NamespaceSpec H1 = namespace("1h", "1h:5y");
    static final List<NamespaceSpec> ALL = List.of(RAW, M1, H1);
    static final Labels HTTP = Labels.of("__name__", "http_latency", "app", "nginx", "env", "prod", "instance", "a:80");

    static NamespaceSpec namespace(String name, String policy) {
        StoragePolicy p = StoragePolicy.parse(policy);
        return new NamespaceSpec(name, p, 7_200_000, 600_000, p.isRaw() ? 0 : 60_000);
    }

    static RuleSet rules(List<MappingRule> mapping, List<RollupRule> rollup, List<DropRule> drop) {
        return RuleSet.of(ALL, mapping, rollup, drop);
    }

    @Test
    void emptyRuleSetStoresRawAndMapsLastEverywhere() {
        SeriesRoute route = rules(List.of(), List.of(), List.of()).route(HTTP);
        assertThat(route.storeRaw()).isTrue();
        assertThat(route.mappings()).containsExactly(new MappingTarget("1m", LAST, HTTP), new MappingTarget("1h", LAST, HTTP));
        assertThat(route.rollups()).isEmpty();
    }

    @Test
    void withoutAggregatedNamespacesEverySeriesIsRawOnly() {
        assertThat(RuleSet.of(List.of(RAW), List.of(), List.of(), List.of()).route(HTTP)).isEqualTo(SeriesRoute.RAW_ONLY);
    }

    @Test
    void mappingRulesNamingANamespaceReplaceItsAutoMapping() {
        RuleSet rs = rules(List.of(new MappingRule("prod-http", SeriesFilter.parse("app:nginx* env:prod"), List.of(MAX), List.of("1m"))),
                List.of(), List.of());
        assertThat(rs.route(HTTP).mappings())
                .containsExactly(new MappingTarget("1m", MAX, HTTP), new MappingTarget("1h", LAST, HTTP));
        Labels dev = Labels.of("__name__", "http_latency", "app", "nginx", "env", "dev");
        // Not matched by the only rule naming 1m: not in 1m at all; 1h still auto-maps.
        assertThat(rs.route(dev).mappings()).containsExactly(new MappingTarget("1h", LAST, dev));
    }

    @Test
    void severalAggregationsSuffixTheOutputName() {
        RuleSet rs = rules(List.of(
                        new MappingRule("a", SeriesFilter.parse("app:nginx"), List.of(MAX, P99), List.of("1m")),
                        new MappingRule("b", SeriesFilter.parse("env:prod"), List.of(MAX), List.of("1m", "1h"))),
                List.of(), List.of());
        SeriesRoute route = rs.route(HTTP);
        assertThat(route.mappings()).containsExactly(
                new MappingTarget("1m", MAX, rename(HTTP, "http_latency:max")),
                new MappingTarget("1m", P99, rename(HTTP, "http_latency:p99")),
                new MappingTarget("1h", MAX, HTTP));
    }

    @Test
    void mappingRuleWithoutAggregationsTakesLast() {
        MappingRule r = new MappingRule("r", SeriesFilter.parse("env:prod"), null, List.of("1m"));
        assertThat(r.aggregations()).containsExactly(LAST);
        assertThat(new MappingRule("r", SeriesFilter.parse("env:prod"), List.of(MAX, MAX), List.of("1m")).aggregations())
                .containsExactly(MAX);
    }

    @Test
    void dropRulesRemoveRawAndMappingsButNotRollups() {
        RollupRule rollup = new RollupRule("by-app", SeriesFilter.parse("app:*"), "app:http_latency", List.of("app"), List.of(),
                RollupKind.GAUGE, null, List.of("1m"));
        RuleSet dropAll = rules(List.of(), List.of(rollup), List.of(new DropRule("all", SeriesFilter.parse("env:prod"), List.of())));
        SeriesRoute route = dropAll.route(HTTP);
        assertThat(route.storeRaw()).isFalse();
        assertThat(route.mappings()).isEmpty();
        assertThat(route.rollups()).containsExactly(new RollupTarget("1m", "by-app",
                Labels.of("__name__", "app:http_latency", "app", "nginx"), RollupKind.GAUGE, SUM));

        RuleSet dropRaw = rules(List.of(), List.of(), List.of(new DropRule("raw", SeriesFilter.parse("env:prod"), List.of("raw"))));
        assertThat(dropRaw.route(HTTP).storeRaw()).isFalse();
        assertThat(dropRaw.route(HTTP).mappings()).hasSize(2);

        RuleSet drop1m = rules(List.of(), List.of(), List.of(new DropRule("1m", SeriesFilter.parse("env:prod"), List.of("1m"))));
        assertThat(drop1m.route(HTTP).storeRaw()).isTrue();
        assertThat(drop1m.route(HTTP).mappings()).containsExactly(new MappingTarget("1h", LAST, HTTP));
        Labels dev = Labels.of("__name__", "x", "env", "dev");
        assertThat(drop1m.route(dev).mappings()).hasSize(2);
    }

    @Test
    void rollupOutputsKeepGroupByOrAllButWithout() {
        Labels in = Labels.of("__name__", "http_requests_total", "service", "api", "env", "prod", "instance", "i1", "pod", "p1");
        RollupRule groupBy = new RollupRule("g", SeriesFilter.parse("{__name__=\"http_requests_total\"}"),
                "service:http_requests_total", List.of("service", "env", "zone"), List.of(), RollupKind.COUNTER, null, List.of("1m", "1h"));
        RollupRule without = new RollupRule("w", SeriesFilter.parse("{__name__=\"http_requests_total\"}"), null, List.of(),
                List.of("instance", "pod"), RollupKind.GAUGE, MAX, List.of("1m"));
        RollupRule everything = new RollupRule("e", SeriesFilter.parse("{__name__=\"http_requests_total\"}"), null, List.of(),
                List.of(), RollupKind.COUNTER, SUM, List.of("1h"));
        SeriesRoute route = rules(List.of(), List.of(groupBy, without, everything), List.of()).route(in);
        Labels grouped = Labels.of("__name__", "service:http_requests_total", "service", "api", "env", "prod");
        assertThat(route.rollups()).containsExactly(
                new RollupTarget("1m", "g", grouped, RollupKind.COUNTER, SUM),
                new RollupTarget("1h", "g", grouped, RollupKind.COUNTER, SUM),
                new RollupTarget("1m", "w", Labels.of("__name__", "http_requests_total", "service", "api", "env", "prod"),
                        RollupKind.GAUGE, MAX),
                new RollupTarget("1h", "e", Labels.of("__name__", "http_requests_total"), RollupKind.COUNTER, SUM));
        assertThat(route.storeRaw()).isTrue();
    }

    @Test
    void rejectsRepeatedRuleNamesAcrossLists() {
        assertThatThrownBy(() -> rules(List.of(new MappingRule("x", SeriesFilter.parse("a:b"), null, List.of("1m"))), List.of(),
                List.of(new DropRule("x", SeriesFilter.parse("a:b"), List.of()))))
                .isInstanceOfSatisfying(InvalidRuleException.class, e -> {
                    assertThat(e.ruleType()).isEqualTo(RuleType.DROP);
                    assertThat(e.index()).isZero();
                    assertThat(e.field()).isEqualTo("name");
                })
                .hasMessage("drop rule \"x\": the rule name \"x\" is already used by another rule; names are unique across "
                        + "mapping, rollup and drop rules");
    }

    @Test
    void rejectsUnknownAndRawNamespaces() {
        assertThatThrownBy(() -> rules(List.of(
                        new MappingRule("ok", SeriesFilter.parse("a:b"), null, List.of("1m")),
                        new MappingRule("prod-http", SeriesFilter.parse("a:b"), null, List.of("5m"))), List.of(), List.of()))
                .isInstanceOfSatisfying(InvalidRuleException.class, e -> {
                    assertThat(e.index()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo("namespaces");
                    assertThat(e.problem()).isEqualTo("namespace \"5m\" does not exist; namespaces are raw, 1m, 1h");
                })
                .hasMessage("mapping rule \"prod-http\": namespace \"5m\" does not exist; namespaces are raw, 1m, 1h");
        assertThatThrownBy(() -> rules(List.of(), List.of(new RollupRule("r", SeriesFilter.parse("a:b"), null, List.of(), List.of(),
                        RollupKind.GAUGE, null, List.of("raw"))), List.of()))
                .hasMessage("rollup rule \"r\": namespace \"raw\" is raw; rollup rules write aggregated namespaces");
        assertThatThrownBy(() -> rules(List.of(), List.of(), List.of(new DropRule("d", SeriesFilter.parse("a:b"), List.of("2m")))))
                .hasMessage("drop rule \"d\": namespace \"2m\" does not exist; namespaces are raw, 1m, 1h");
    }

    @Test
    void rejectsBadRulesWhenBuilt() {
        assertThatThrownBy(() -> new RollupRule("c", SeriesFilter.parse("a:b"), null, List.of(), List.of(), RollupKind.COUNTER, MAX,
                List.of("1m")))
                .isInstanceOfSatisfying(InvalidRuleException.class, e -> assertThat(e.field()).isEqualTo("aggregation"))
                .hasMessage("rollup rule \"c\": a counter rollup adds the increases of its inputs, so its aggregation is sum, "
                        + "not max; use type gauge for other aggregations");
        assertThatThrownBy(() -> new RollupRule("b", SeriesFilter.parse("a:b"), null, List.of("x"), List.of("y"), RollupKind.GAUGE,
                null, List.of("1m")))
                .hasMessage("rollup rule \"b\": give groupBy or without, not both");
        assertThatThrownBy(() -> new RollupRule("n", SeriesFilter.parse("a:b"), null, List.of("__name__"), List.of(), RollupKind.GAUGE,
                null, List.of("1m")))
                .hasMessageStartingWith("rollup rule \"n\": groupBy must not name __name__");
        assertThatThrownBy(() -> new RollupRule("m", SeriesFilter.parse("a:b"), "bad name", List.of(), List.of(), RollupKind.GAUGE,
                null, List.of("1m")))
                .hasMessage("rollup rule \"m\": \"bad name\" is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        assertThatThrownBy(() -> new RollupRule("k", SeriesFilter.parse("a:b"), null, List.of(), List.of(), null, null, List.of("1m")))
                .hasMessage("rollup rule \"k\": a rollup rule needs a type: counter or gauge");
        assertThatThrownBy(() -> new MappingRule("f", SeriesFilter.parse("{env=\"a\", env=\"b\"}"), null, List.of("1m")))
                .isInstanceOfSatisfying(InvalidRuleException.class, e -> assertThat(e.field()).isEqualTo("filter"))
                .hasMessage("mapping rule \"f\": filter \"{env=\"a\", env=\"b\"}\" can never match: label env cannot equal both "
                        + "\"a\" and \"b\"");
        assertThatThrownBy(() -> new MappingRule("e", SeriesFilter.parse("a:b"), null, List.of()))
                .hasMessage("mapping rule \"e\": a mapping rule must name at least one aggregated namespace");
        assertThatThrownBy(() -> new MappingRule("t", SeriesFilter.parse("a:b"), null, List.of("1m", "1m")))
                .hasMessage("mapping rule \"t\": \"1m\" is listed twice in namespaces");
        assertThatThrownBy(() -> new DropRule(" ", SeriesFilter.parse("a:b"), List.of()))
                .hasMessage("drop rule \" \": a rule needs a non-empty name");
    }

    @Test
    void rejectsNamespaceListsWithoutExactlyOneRaw() {
        assertThatThrownBy(() -> RuleSet.of(List.of(M1), List.of(), List.of(), List.of()))
                .hasMessage("no raw namespace among 1m; exactly one is needed");
        assertThatThrownBy(() -> RuleSet.of(List.of(RAW, namespace("raw2", "raw:30d")), List.of(), List.of(), List.of()))
                .hasMessage("namespaces raw and raw2 are both raw; there is one raw namespace");
        assertThatThrownBy(() -> RuleSet.of(List.of(RAW, M1, namespace("1m", "1m:30d")), List.of(), List.of(), List.of()))
                .hasMessage("namespace name \"1m\" is used twice");
    }

    @Test
    void exposesNamespacesAndRules() {
        MappingRule m = new MappingRule("m", SeriesFilter.parse("a:b"), null, List.of("1m"));
        RuleSet rs = rules(List.of(m), List.of(), List.of());
        assertThat(rs.namespaces()).containsExactly(RAW, M1, H1);
        assertThat(rs.raw()).isEqualTo(RAW);
        assertThat(rs.namespace("1h")).isEqualTo(H1);
        assertThat(rs.namespace("5m")).isNull();
        assertThat(rs.mappingRules()).containsExactly(m);
        assertThat(rs).isEqualTo(rules(List.of(m), List.of(), List.of()));
    }

    private static Labels rename(Labels l, String name) {
        LabelsBuilder b = new LabelsBuilder();
        l.forEach(b::add);
        return b.set("__name__", name).build();
    }
}
