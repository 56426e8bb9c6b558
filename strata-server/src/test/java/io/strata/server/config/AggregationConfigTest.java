package io.strata.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.policy.StoragePolicy;
import io.strata.aggregator.rules.AggregationType;
import io.strata.aggregator.rules.MappingTarget;
import io.strata.aggregator.rules.RollupKind;
import io.strata.aggregator.rules.RollupRule;
import io.strata.aggregator.rules.SeriesFilter;
import io.strata.model.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AggregationConfigTest {
    static final String EXAMPLE = """
            namespaces:
              - name: raw
                policy: raw:15d
                blockDuration: 2h
                outOfOrderWindow: 10m
              - policy: 1m:90d
                lateness: 2m
              - policy: 1h:5y
            rules:
              mapping:
                - name: prod-http
                  filter: 'app:nginx* env:prod'
                  aggregations: [max, p99]
                  namespaces: [1m]
              rollup:
                - name: requests-by-service
                  match: '{__name__="http_requests_total"}'
                  metricName: service:http_requests_total
                  groupBy: [service, env]
                  type: counter
                  policies: [1m:90d, 1h:5y]
              drop:
                - name: no-dev-raw
                  filter: 'env:dev'
                  namespaces: [raw]
            """;

    @TempDir
    Path dir;

    @Test
    void withoutNamespacesThereIsOneRawNamespaceFromStorage() {
        AggregationSettings a = StrataConfig.defaults().aggregation();
        assertThat(a.namespaces()).containsExactly(new NamespaceSpec("raw", StoragePolicy.parse("raw:15d"), 7_200_000, 600_000, 0));
        assertThat(a.raw()).isEqualTo(a.namespaces().get(0));
        assertThat(a.rules().mappingRules()).isEmpty();
        assertThat(a.rules().route(Labels.of("__name__", "up")).storeRaw()).isTrue();
    }

    @Test
    void readsTheDocumentedExample() throws IOException {
        StrataConfig c = ConfigLoader.fromFile(write("strata.yaml", EXAMPLE));
        AggregationSettings a = c.aggregation();
        assertThat(a.namespaces()).containsExactly(
                new NamespaceSpec("raw", StoragePolicy.parse("raw:15d"), hours(2), minutes(10), 0),
                new NamespaceSpec("1m", StoragePolicy.parse("1m:90d"), hours(12), minutes(10), minutes(2)),
                new NamespaceSpec("1h", StoragePolicy.parse("1h:5y"), Duration.ofDays(30).toMillis(), minutes(10), minutes(1)));
        assertThat(a.rules().mappingRules().get(0).aggregations()).containsExactly(AggregationType.MAX, AggregationType.P99);
        assertThat(a.rules().mappingRules().get(0).filter()).isEqualTo(SeriesFilter.parseM3("app:nginx* env:prod"));
        RollupRule rollup = a.rules().rollupRules().get(0);
        assertThat(rollup.namespaces()).containsExactly("1m", "1h");
        assertThat(rollup.kind()).isEqualTo(RollupKind.COUNTER);
        assertThat(rollup.aggregation()).isEqualTo(AggregationType.SUM);
        assertThat(rollup.groupBy()).containsExactly("service", "env");
        assertThat(a.rules().dropRules().get(0).namespaces()).containsExactly("raw");
        Labels nginx = Labels.of("__name__", "http_latency", "app", "nginx", "env", "prod");
        assertThat(a.rules().route(nginx).mappings()).extracting(MappingTarget::namespace).containsExactly("1m", "1m", "1h");
    }

    @Test
    void aggregatedDefaultsFollowTheResolution() throws IOException {
        StrataConfig c = ConfigLoader.fromFile(write("strata.yaml", """
                storage:
                  outOfOrderWindow: 1h
                  blockDuration: 4h
                namespaces:
                  - policy: 10s:7d
                  - policy: 1d:10y
                  - name: five
                    policy: 5m:1y
                    blockDuration: 30m
                """));
        List<NamespaceSpec> ns = c.aggregation().namespaces();
        // Implicit raw first, from storage; 10s*720 = 2h; 1d*720 clamps to 31d; outOfOrderWindow capped at the block.
        assertThat(ns).extracting(NamespaceSpec::name).containsExactly("raw", "10s", "1d", "five");
        assertThat(ns.get(0)).isEqualTo(new NamespaceSpec("raw", StoragePolicy.parse("raw:15d"), hours(4), hours(1), 0));
        assertThat(ns.get(1).blockDurationMillis()).isEqualTo(hours(2));
        assertThat(ns.get(1).outOfOrderWindowMillis()).isEqualTo(hours(1));
        assertThat(ns.get(2).blockDurationMillis()).isEqualTo(Duration.ofDays(31).toMillis());
        assertThat(ns.get(3).blockDurationMillis()).isEqualTo(minutes(30));
        assertThat(ns.get(3).outOfOrderWindowMillis()).isEqualTo(minutes(30));
        assertThat(ns.get(3).latenessMillis()).isEqualTo(minutes(1));
    }

    @Test
    void rawPolicyRetentionBecomesTheStorageRetention() throws IOException {
        StrataConfig c = ConfigLoader.fromFile(write("strata.yaml", "namespaces:\n  - policy: raw:30d\n"));
        assertThat(c.storage().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(c.aggregation().raw().retentionMillis()).isEqualTo(Duration.ofDays(30).toMillis());
        Path same = write("same.yaml", "storage:\n  retention: 30d\nnamespaces:\n  - policy: raw:30d\n");
        assertThat(ConfigLoader.fromFile(same).storage().retention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void rawRetentionGivenTwiceDifferentlyNamesBothLines() throws IOException {
        Path file = write("strata.yaml", "storage:\n  retention: 15d\nnamespaces:\n  - policy: raw:30d\n");
        assertThatThrownBy(() -> ConfigLoader.fromFile(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4: namespaces[0].policy: the raw namespace keeps data 30d but storage.retention (line 2) "
                        + "says 15d; give the raw retention in one place");
        Path policyOnly = write("policy.yaml", "namespaces:\n  - policy: raw:30d\n");
        assertThatThrownBy(() -> ConfigLoader.load(policyOnly, null, Map.of(ConfigKeys.byPath("storage.retention"), "90d")))
                .hasMessage(policyOnly + ":2: namespaces[0].policy: the raw namespace keeps data 30d but --retention says 90d; "
                        + "give the raw retention in one place");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("namespaces:\n  policy: raw:1d\n",
                        ":2: namespaces: must be a list of namespaces, like \"- policy: 1m:90d\", not a mapping"),
                Arguments.of("namespaces:\n  - policy: 1m:90d\n    polcy: x\n",
                        ":3: unknown key \"namespaces[0].polcy\"; did you mean \"policy\"?; keys of a namespace are name, policy, "
                                + "blockDuration, outOfOrderWindow, lateness"),
                Arguments.of("namespaces:\n  - name: x\n",
                        ":2: namespaces[0]: policy is missing; write resolution:retention, like raw:15d or 1m:90d"),
                Arguments.of("namespaces:\n  - policy: 1m:90d\n\n\n\n\n\n  - policy: \"1m:\"\n",
                        ":8: namespaces[1].policy: invalid storage policy \"1m:\": the retention after ':' is missing"),
                Arguments.of("namespaces:\n  - policy: [1m:90d]\n",
                        ":2: namespaces[0].policy: must be a single value, not a list"),
                Arguments.of("namespaces:\n  - policy:\n",
                        ":2: namespaces[0].policy: has no value"),
                Arguments.of("namespaces:\n  - policy: raw:15d\n  - policy: raw:30d\n",
                        ":3: namespaces[1].policy: a second raw namespace (the first is on line 2); there is one raw namespace"),
                Arguments.of("namespaces:\n  - policy: 1m:90d\n  - policy: 1m:90d\n    name: other\n",
                        ":3: namespaces[1].policy: policy 1m:90d is used twice (first on line 2)"),
                Arguments.of("namespaces:\n  - policy: 1m:90d\n  - policy: 1m:30d\n",
                        ":3: namespaces[1].name: namespace name \"1m\" is used twice (first on line 2)"),
                Arguments.of("namespaces:\n  - policy: raw:15d\n    lateness: 1m\n",
                        ":3: namespaces[0].lateness: only aggregated namespaces take a lateness: raw data has no windows to close"),
                Arguments.of("namespaces:\n  - policy: 1m:90d\n    blockDuration: 90s\n",
                        ":3: namespaces[0].blockDuration: must be a whole number of minutes, at least 1m, got 1m30s"),
                Arguments.of("namespaces:\n  - policy: 1m:90d\n    blockDuration: 1h\n    outOfOrderWindow: 2h\n",
                        ":4: namespaces[0].outOfOrderWindow: 2h must not exceed the block duration 1h: late samples are merged "
                                + "into the head before it is cut into a block"),
                Arguments.of("namespaces:\n  - policy: 1m:90d\n    name: a b\n",
                        ":3: namespaces[0].name: invalid namespace name \"a b\": use letters, digits, '_' and '-'"),
                Arguments.of("namespaces:\n  - policy: 1m:90d\n    name: raw\n",
                        ":3: namespaces: the name \"raw\" is taken by an aggregated namespace, but the implicit raw namespace "
                                + "needs it; add a raw namespace, like \"- policy: raw:15d\", or rename it"),
                Arguments.of("namespaces: []\nnamespaces: []\n", ":2: section \"namespaces\" is given twice (first on line 1)"),
                Arguments.of("rules:\n  maping: []\n",
                        ":2: unknown key \"rules.maping\"; did you mean \"mapping\"?; keys of the rules section are mapping, rollup, drop"),
                Arguments.of("rules:\n  mapping:\n    - name: a\n      filter: x:y\n      name: b\n",
                        ":5: key \"rules.mapping[0].name\" is given twice (first on line 3)"),
                Arguments.of(NS + "rules:\n  mapping:\n    - name: prod-http\n      filter: x:y\n      namespaces: [5m]\n",
                        ":8: rules.mapping[0].namespaces: namespace \"5m\" does not exist; namespaces are raw, 1m, 1h"),
                Arguments.of(NS + "rules:\n  mapping:\n    - name: p\n      filter: x:y\n      namespaces: [1m:30d]\n",
                        ":8: rules.mapping[0].namespaces: no namespace has the policy 1m:30d; policies are raw:15d, 1m:90d, 1h:5y"),
                Arguments.of(NS + "rules:\n  mapping:\n    - name: p\n      filter: x:y\n      aggregations: [max, maxx]\n"
                                + "      namespaces: [1m]\n",
                        ":8: rules.mapping[0].aggregations: unknown aggregation \"maxx\"; known aggregations are last, sum, min, "
                                + "max, mean, count, sumsq, stdev, median, p10, p20, p30, p40, p50, p60, p70, p75, p80, p90, p95, "
                                + "p99, p999, p9999"),
                Arguments.of(NS + "rules:\n  mapping:\n    - name: p\n      filter: x:y\n      namespaces: [raw]\n",
                        ":8: rules.mapping[0].namespaces: namespace \"raw\" is raw; mapping rules write aggregated namespaces"),
                Arguments.of(NS + "rules:\n  mapping:\n    - name: p\n      filter: x:y\n      namespaces: [1m]\n  drop:\n"
                                + "    - name: p\n      filter: a:b\n",
                        ":10: rules.drop[0].name: the rule name \"p\" is already used by another rule; names are unique across "
                                + "mapping, rollup and drop rules"),
                Arguments.of(NS + "rules:\n  mapping:\n    - name: p\n      filter: 'x:y'\n      match: '{x=\"y\"}'\n",
                        ":8: rules.mapping[0].match: give filter (M3 syntax) or match (PromQL selector), not both"),
                Arguments.of(NS + "rules:\n  drop:\n    - name: p\n",
                        ":6: rules.drop[0]: filter or match is missing: write filter: 'app:nginx* env:prod' or "
                                + "match: '{__name__=~\"http_.*\"}'"),
                Arguments.of(NS + "rules:\n  drop:\n    - name: p\n      match: '{env=\"a\", env=\"b\"}'\n",
                        ":7: rules.drop[0].match: filter \"{env=\"a\", env=\"b\"}\" can never match: label env cannot equal both "
                                + "\"a\" and \"b\""),
                Arguments.of(NS + "rules:\n  drop:\n    - name: p\n      filter: 'app'\n",
                        ":7: rules.drop[0].filter: invalid filter \"app\": \"app\" is not a name:pattern pair"),
                Arguments.of(NS + "rules:\n  rollup:\n    - name: r\n      filter: a:b\n      type: histogram\n      namespaces: [1m]\n",
                        ":8: rules.rollup[0].type: not counter or gauge: \"histogram\""),
                Arguments.of(NS + "rules:\n  rollup:\n    - name: r\n      filter: a:b\n      namespaces: [1m]\n",
                        ":6: rules.rollup[0]: type is missing: counter or gauge"),
                Arguments.of(NS + "rules:\n  rollup:\n    - name: r\n      filter: a:b\n      type: counter\n      aggregation: max\n"
                                + "      namespaces: [1m]\n",
                        ":9: rules.rollup[0].aggregation: a counter rollup adds the increases of its inputs, so its aggregation "
                                + "is sum, not max; use type gauge for other aggregations"),
                Arguments.of(NS + "rules:\n  rollup:\n    - name: r\n      filter: a:b\n      type: gauge\n      groupBy: [a]\n"
                                + "      without: [b]\n      namespaces: [1m]\n",
                        ":10: rules.rollup[0].without: give groupBy or without, not both"),
                Arguments.of(NS + "rules:\n  rollup:\n    - name: r\n      filter: a:b\n      type: gauge\n",
                        ":6: rules.rollup[0]: namespaces is missing: name the aggregated namespaces the rule writes, like "
                                + "namespaces: [1m]"),
                Arguments.of(NS + "rules:\n  mapping: {name: x}\n", ":5: rules.mapping: must be a list, not a mapping"),
                Arguments.of(NS + "rules:\n  mapping:\n    - x\n",
                        ":6: rules.mapping[0]: must be a mapping describing a mapping rule, like \"- name: ...\", not a single value"));
    }

    static final String NS = "namespaces:\n  - policy: 1m:90d\n  - policy: 1h:5y\n";

    @ParameterizedTest
    @MethodSource("errors")
    void errorsNameFileLineAndKey(String yaml, String message) throws IOException {
        Path file = write("strata.yaml", yaml);
        assertThatThrownBy(() -> ConfigLoader.fromFile(file)).isInstanceOf(ConfigException.class).hasMessage(file + message);
    }

    @Test
    void printedConfigReadsBackEqual() throws IOException {
        StrataConfig c = ConfigLoader.fromFile(write("strata.yaml", EXAMPLE
                + "    - name: drop-everywhere\n      match: 'http_debug_total{env=~\"dev|test\"}'\n"));
        String printed = ConfigPrinter.yaml(c);
        assertThat(printed).contains("""
                namespaces:
                  - name: raw
                    policy: raw:15d
                    blockDuration: 2h
                    outOfOrderWindow: 10m
                  - name: 1m
                    policy: 1m:90d
                    blockDuration: 12h
                    outOfOrderWindow: 10m
                    lateness: 2m
                """).contains("""
                    - name: prod-http
                      filter: "app:nginx* env:prod"
                      aggregations: [max, p99]
                      namespaces: [1m]
                """);
        StrataConfig again = ConfigLoader.fromFile(write("printed.yaml", printed));
        assertThat(again).isEqualTo(c);
        assertThat(again.aggregation().rules().dropRules()).hasSize(2);
        assertThat(ConfigLoader.fromFile(write("defaults.yaml", ConfigPrinter.yaml(StrataConfig.defaults()))))
                .isEqualTo(StrataConfig.defaults());
    }

    @Test
    void reloadReadsTheSectionsAgainstTheRunningStorage() throws IOException {
        StrataConfig running = ConfigLoader.load(null, null, Map.of(ConfigKeys.byPath("storage.retention"), "90d")).config();
        Path file = write("strata.yaml", "http:\n  port: 9999\nnamespaces:\n  - policy: 1m:90d\n");
        AggregationSettings reloaded = ConfigLoader.reloadAggregation(file, running);
        assertThat(reloaded.raw().retentionMillis()).isEqualTo(Duration.ofDays(90).toMillis());
        assertThat(reloaded.namespaces()).extracting(NamespaceSpec::name).containsExactly("raw", "1m");
        Path broken = write("broken.yaml", "http:\n  port: 70000\nnamespaces:\n  - policy: 1m:90d\n");
        assertThatThrownBy(() -> ConfigLoader.reloadAggregation(broken, running))
                .hasMessage(broken + ":2: http.port: \"70000\" is out of range [0, 65535]");
        Path badRule = write("rule.yaml", NS + "rules:\n  drop:\n    - name: d\n      filter: a:b\n      namespaces: [5m]\n");
        assertThatThrownBy(() -> ConfigLoader.reloadAggregation(badRule, running))
                .hasMessage(badRule + ":8: rules.drop[0].namespaces: namespace \"5m\" does not exist; namespaces are raw, 1m, 1h");
    }

    private static long hours(int h) {
        return Duration.ofHours(h).toMillis();
    }

    private static long minutes(int m) {
        return Duration.ofMinutes(m).toMillis();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
