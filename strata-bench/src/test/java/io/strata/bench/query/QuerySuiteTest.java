package io.strata.bench.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.testing.generate.NodeExporterDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuerySuiteTest {
    /** Enough hosts that every region, datacenter and service of the dataset shows up. */
    private static final NodeExporterDataset DATASET = new NodeExporterDataset(200, 1);
    private static final List<Labels> SERIES = allSeries();
    /** A selector: an optional metric name, then braces with matchers or a range in brackets. */
    private static final Pattern SELECTOR = Pattern.compile(
            "(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)?\\{(?<matchers>[^}]*)}|(?<bare>[a-zA-Z_:][a-zA-Z0-9_:]*)\\[");
    private static final Pattern MATCHER = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"\\s*");
    private static final Pattern GROUPING = Pattern.compile("by \\(([^)]*)\\)");

    private static List<Labels> allSeries() {
        List<Labels> all = new ArrayList<>();
        for (int s = 0; s < DATASET.seriesCount(); s++) {
            all.add(DATASET.labels(s));
        }
        return all;
    }

    static Stream<BenchmarkQuery> queries() {
        return QuerySuite.STANDARD.stream();
    }

    @Test
    void coversEveryShapeTheIssueNamesOnce() {
        assertThat(QuerySuite.STANDARD).extracting(BenchmarkQuery::what).containsExactly(
                "rate summed by a label", "histogram_quantile over classic buckets", "topk", "per-instance aggregation",
                "regex matcher on a high-cardinality label", "ratio of sums", "max_over_time over 1h", "count of all series");
        assertThat(QuerySuite.STANDARD).extracting(BenchmarkQuery::name).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("queries")
    void everySelectorMatchesSeriesOfTheDataset(BenchmarkQuery query) {
        var m = SELECTOR.matcher(query.expr());
        int selectors = 0;
        while (m.find()) {
            List<Matcher> matchers = new ArrayList<>();
            String name = m.group("name") != null ? m.group("name") : m.group("bare");
            if (name != null) {
                matchers.add(Matcher.metricName(name));
            }
            if (m.group("matchers") != null) {
                for (String part : m.group("matchers").split(",")) {
                    var mm = MATCHER.matcher(part);
                    assertThat(mm.matches()).as("matcher %s of %s", part, query.name()).isTrue();
                    matchers.add(Matcher.of(type(mm.group(2)), mm.group(1), mm.group(3)));
                }
            }
            long matching = SERIES.stream().filter(l -> matchers.stream().allMatch(x -> x.matches(valueOf(l, x.name())))).count();
            assertThat(matching).as("series matching %s in %s", m.group(), query.name()).isPositive();
            selectors++;
        }
        assertThat(selectors).as("selectors in %s", query.expr()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("queries")
    void groupsByLabelsTheDatasetHas(BenchmarkQuery query) {
        var m = GROUPING.matcher(query.expr());
        while (m.find()) {
            for (String label : m.group(1).split(",")) {
                assertThat(SERIES.stream().anyMatch(l -> l.has(label.strip()))).as("label %s in %s", label, query.name()).isTrue();
            }
        }
    }

    @Test
    void regexSelectsSomeButNotAllInstances() {
        long instances = SERIES.stream().map(l -> l.get("instance")).distinct().count();
        Matcher regex = Matcher.regex("instance", "host-1.*");
        long matched = SERIES.stream().map(l -> l.get("instance")).distinct().filter(regex::matches).count();
        assertThat(QuerySuite.select(List.of("regex_instances")).getFirst().expr()).contains("instance=~\"host-1.*\"");
        assertThat(matched).isBetween(2L, instances - 1);
    }

    @Test
    void selectKeepsTheStandardOrder() {
        assertThat(QuerySuite.select(List.of("count_all", "topk_network")))
                .extracting(BenchmarkQuery::name).containsExactly("topk_network", "count_all");
        assertThat(QuerySuite.select(List.of())).isEqualTo(QuerySuite.STANDARD);
    }

    @Test
    void selectNamesTheUnknownQueryAndTheKnownOnes() {
        assertThatThrownBy(() -> QuerySuite.select(List.of("topk_network", "nope")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown query nope")
                .hasMessageContaining("count_all");
    }

    @Test
    void rejectsQueryNamesThatAreNotIdentifiers() {
        assertThatThrownBy(() -> new BenchmarkQuery("Bad Name", "up", "x")).hasMessageContaining("[name=Bad Name]");
    }

    private static String valueOf(Labels labels, String name) {
        String v = labels.get(name);
        return v == null ? "" : v;
    }

    private static MatchType type(String op) {
        return switch (op) {
            case "=" -> MatchType.EQUAL;
            case "!=" -> MatchType.NOT_EQUAL;
            case "=~" -> MatchType.REGEX;
            case "!~" -> MatchType.NOT_REGEX;
            default -> throw new IllegalArgumentException(op);
        };
    }
}
