package io.strata.bench.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryReportTest {
    private static final Target PROM = new Target("prom", URI.create("http://127.0.0.1:9090"), Map.of());
    private static final Target FAST = new Target("fast", URI.create("http://127.0.0.1:8428"), Map.of());
    private static final BenchmarkQuery COUNT = QuerySuite.select(List.of("count_all")).getFirst();
    private static final BenchmarkQuery TOPK = QuerySuite.select(List.of("topk_network")).getFirst();

    @Test
    void tableShowsMediansRatiosToTheBaselineAndSumsOfMedians() {
        QueryReport report = report(
                measured(COUNT, PROM, 1, 10, 20, 30), measured(COUNT, FAST, 1, 5, 5, 5),
                measured(TOPK, PROM, 10, 2, 2, 2), measured(TOPK, FAST, 10, 4, 4, 4));

        List<String> lines = print(report);
        assertThat(lines.get(1)).containsSubsequence("query", "kind", "series", "prom p50", "p90", "fast p50", "p90", "/prom");
        // p90 of 10, 20, 30 ms: rank 0.9 * 2 = 1.8, so 20 + 0.8 * 10
        assertThat(lines.get(2)).startsWith("count_all").containsSubsequence("instant", "1", "20.0", "28.0", "5.00", "5.00", "0.25x");
        assertThat(lines.get(3)).startsWith("topk_network").containsSubsequence("instant", "10", "2.00", "2.00", "4.00", "4.00", "2.00x");
        assertThat(lines.get(4)).startsWith("sum of medians").containsSubsequence("22.0", "9.00", "0.41x");
        assertThat(lines.get(5)).isEqualTo("all answers correct and non-empty; all targets agree on the number of series and points of every query");
        assertThat(report.ok()).isTrue();
    }

    @Test
    void aQueryWithoutMeasurementsShowsDashesAndFailsTheRun() {
        Measurement failed = new Measurement(COUNT, QueryKind.INSTANT, FAST);
        failed.failure("HTTP 503");
        QueryReport report = report(measured(COUNT, PROM, 1, 10), failed);

        List<String> lines = print(report);
        assertThat(lines.get(2)).startsWith("count_all").containsSubsequence("1", "10.0", "10.0", "-", "-", "-");
        assertThat(lines).contains("ERROR count_all instant on fast: 1 of 1 requests failed; first: HTTP 503");
        assertThat(report.ok()).isFalse();
        assertThat(report.toJsonLines()).contains("\"target\":\"fast\"", "\"latencyMillis\":{\"count\":0}", "\"series\":-1");
    }

    @Test
    void formatsMillisecondsAndRatiosForTheTable() {
        assertThat(QueryReport.millis(0.123)).isEqualTo("0.12");
        assertThat(QueryReport.millis(9.999)).isEqualTo("10.00");
        assertThat(QueryReport.millis(1234.56)).isEqualTo("1234.6");
        assertThat(QueryReport.millis(Double.NaN)).isEqualTo("-");
        assertThat(QueryReport.ratio(1, 4)).isEqualTo("0.25x");
        assertThat(QueryReport.ratio(1, 0)).isEqualTo("-");
    }

    private static Measurement measured(BenchmarkQuery q, Target t, int series, long... millis) {
        Measurement m = new Measurement(q, QueryKind.INSTANT, t);
        QueryAnswer answer = new QueryAnswer(200, "success", null, null, "vector", series, series, "1", 0, 100);
        for (long ms : millis) {
            m.success(new QueryClient.Timed(answer, ms * 1_000_000), true);
        }
        return m;
    }

    private static QueryReport report(Measurement... measurements) {
        // Measurements come grouped by query and kind, targets in config order, as QueryRun builds them.
        List<Measurement> ordered = List.of(measurements);
        List<BenchmarkQuery> queries = ordered.stream().map(m -> m.query).distinct().toList();
        QueryConfig config = new QueryConfig(List.of(PROM, FAST), queries, List.of(QueryKind.INSTANT),
                new QueryWindow(Instant.parse("2025-06-01T12:00:00Z"), Duration.ofHours(1), Duration.ofMinutes(1)),
                0, 3, Duration.ofSeconds(5), Duration.ofMinutes(1), List.of(), Duration.ZERO, "prom", null, Map.of());
        return new QueryReport(config, Instant.EPOCH, ordered, List.of(), true);
    }

    private static List<String> print(QueryReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.printTable(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
