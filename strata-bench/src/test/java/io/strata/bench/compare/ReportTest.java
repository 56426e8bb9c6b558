package io.strata.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class ReportTest {
    @Test
    void figureTableGivesMedianSpreadAndRatioStrataOverEachPeer() {
        String table = new MarkdownReport(SampleResults.context(3), SampleResults.results(3)).figureTable();
        assertThat(table.lines().findFirst().orElseThrow()).isEqualTo(
                "| figure | Strata | Prometheus | VictoriaMetrics | Strata / Prometheus | Strata / VictoriaMetrics |");
        assertThat(table).contains("| backfill ingest, samples/s | 2,000 (1,000–3,000) | 500 (250–750) | 1,000 (500–1,500) | 4.00x | 2.00x |");
    }

    @Test
    void figureWithoutNumberShowsItsOutcomeAndNoRatio() {
        String table = new MarkdownReport(SampleResults.context(3), SampleResults.results(3)).figureTable();
        assertThat(table).contains("| write-to-query visibility p99, ms | 1.00 | 1.00 | not visible within 5000 ms (12 probes) | 1.00x |  |");
    }

    @Test
    void figureWithSomeRunsWithoutNumberShowsBothAndNoRatio() {
        CompareResults sample = SampleResults.results(3);
        List<RoundResult> rounds = new java.util.ArrayList<>(sample.rounds());
        // VictoriaMetrics's first run saw the series after 4.98 s; the other two never did.
        for (RoundResult r : rounds) {
            if (r.server() == ServerKind.VICTORIAMETRICS && r.run() == 1) {
                r.value(Figure.VISIBILITY_P99, 4980);
            }
        }
        CompareResults partial = new CompareResults(sample.servers(), 3, rounds);
        String table = new MarkdownReport(SampleResults.context(3), partial).figureTable();
        assertThat(table).contains("| write-to-query visibility p99, ms | 1.00 | 1.00 | 4,980; not visible within 5000 ms (12 probes) | 1.00x |  |");
    }

    @Test
    void reportStatesContextLinksChartsRelativeToTheFileAndWarnsBelowThreeRuns() {
        Path md = Path.of("/r/docs/benchmarks.md");
        String one = new MarkdownReport(SampleResults.context(1), SampleResults.results(1))
                .render(md, List.of(Path.of("/r/docs/benchmarks/ingest.png")));
        assertThat(one).contains("**Strata commit** `abc1234`", "`./strata bench compare --hosts 1000 --hours 1`",
                "Test CPU, 2 cores, 16.0 GiB RAM, Linux 6.1.0", "prometheus 2.42.0", "![ingest](benchmarks/ingest.png)",
                "fewer than 3 runs", "| sum_rate_by_mode | instant | 10.0 | 20.0 | 20.0 | 0.500x | 0.500x | 20.0 | 40.0 | 40.0 |",
                "| backfill | 30.0 | 30.0 | 30.0 |");
        String three = new MarkdownReport(SampleResults.context(3), SampleResults.results(3)).render(md, List.of());
        assertThat(three).doesNotContain("fewer than 3 runs").doesNotContain("### Problems");
    }

    @Test
    void jsonHoldsEveryFigureWithRawRunsRatiosQueriesAndTimeline() {
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(SampleResults.context(3), SampleResults.results(3)));
        assertThat(json.get("commit").asString()).isEqualTo("abc1234");
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("config").get("series").asInt()).isEqualTo(100_000);
        assertThat(json.get("figures")).hasSize(Figure.values().length);
        JsonNode ingest = json.get("figures").get(0);
        assertThat(ingest.get("key").asString()).isEqualTo("ingest_samples_per_second");
        JsonNode strata = ingest.get("servers").get("strata");
        assertThat(strata.get("median").asDouble()).isEqualTo(2000);
        assertThat(strata.get("runs")).extracting(JsonNode::asDouble).containsExactly(1000.0, 2000.0, 3000.0);
        assertThat(ingest.get("ratios").get("prometheus").asDouble()).isEqualTo(4.0);
        JsonNode visibility = json.get("figures").get(Figure.VISIBILITY_P50.ordinal()).get("servers").get("victoriametrics");
        assertThat(visibility.get("median").isNull()).isTrue();
        assertThat(visibility.get("outcomes").get(0).asString()).startsWith("not visible");
        assertThat(json.get("queries")).hasSize(CompareResults.queryNames().size() * 2);
        assertThat(json.get("queries").get(0).get("servers").get("strata").get("p99Ms").get("median").asDouble()).isEqualTo(20);
        assertThat(json.get("ingestTimeline").get("prometheus")).extracting(JsonNode::asDouble).containsExactly(250.0, 500.0, 250.0);
        assertThat(json.get("phaseSeconds").get("strata").get("backfill").asDouble()).isEqualTo(30);
    }

    @Test
    void instantQueriesWithDifferentSeriesCountsAcrossServersAreListed() {
        CompareResults agreeing = SampleResults.results(1);
        assertThat(agreeing.answerDisagreements()).isEmpty();
        RoundResult vm = agreeing.rounds().get(2);
        RoundResult changed = new RoundResult(vm.server(), 1);
        for (var l : vm.queries()) {
            changed.queries(List.of(l.query().equals("count_all")
                    ? new io.strata.bench.query.QueryBenchmark.Latency(l.query(), l.kind(), l.target(), l.stats(), 3, 0) : l));
        }
        CompareResults disagreeing = new CompareResults(agreeing.servers(), 1,
                List.of(agreeing.rounds().get(0), agreeing.rounds().get(1), changed));
        assertThat(disagreeing.answerDisagreements())
                .containsExactly("run 1: count_all instant: strata 1, prometheus 1, victoriametrics 3");
    }

    @Test
    void missingFigureWithoutOutcomeMakesTheCompareIncomplete() {
        CompareResults results = SampleResults.results(1);
        results.rounds().get(0).problem("backfill: 5 of 10 samples accepted");
        RoundResult lost = new RoundResult(ServerKind.STRATA, 2);
        CompareResults withGap = new CompareResults(results.servers(), 2, List.of(results.rounds().get(1), lost));
        assertThat(results.complete()).isFalse();
        assertThat(results.problems()).containsExactly("strata run 1: backfill: 5 of 10 samples accepted");
        assertThat(withGap.missingFigures()).contains("strata run 2: restart_seconds", "strata run 1: ingest_samples_per_second");
    }
}
