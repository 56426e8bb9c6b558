package io.strata.bench.compare;

import io.strata.bench.query.LatencyStats;
import io.strata.bench.query.QueryBenchmark;
import io.strata.bench.query.QueryKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Made-up results of a compare of Strata with both peers, with known values for the report tests. */
final class SampleResults {
    static final Instant LAST_SAMPLE = Instant.parse("2026-11-22T08:00:53Z");

    private SampleResults() {}

    static CompareConfig config(int runs) {
        return new CompareConfig(List.of(ServerKind.STRATA, ServerKind.PROMETHEUS, ServerKind.VICTORIAMETRICS), 1000, 1, runs,
                Path.of("docs/benchmarks.md"), Path.of("docs/benchmarks.json"), Path.of("docs/benchmarks"), null,
                Duration.ofSeconds(60), 5, 1, 18100, Duration.ofSeconds(15), Duration.ofSeconds(5), 4, Path.of("strata"),
                "./strata bench compare --hosts 1000 --hours 1");
    }

    static RunContext context(int runs) {
        return new RunContext(Instant.parse("2026-11-22T09:00:00Z"), "abc1234", new MachineInfo("Test CPU", 2, 1L << 34, "6.1.0"),
                Map.of("strata", "commit abc1234", "prometheus", "2.42.0", "victoriametrics", "1.79.5", "jdk", "25"),
                config(runs), LAST_SAMPLE, Map.of("strata", "blocks"));
    }

    /**
     * Ingest rate per run r (1-based): Strata 1000 r, Prometheus 250 r, VictoriaMetrics 500 r, so
     * the medians over 3 runs are 2000, 500 and 1000. VictoriaMetrics's visibility has no value
     * but an outcome. Every other figure is 1 on every server; queries take 10 ms on Strata and
     * 20 ms on the peers.
     */
    static CompareResults results(int runs) {
        List<RoundResult> rounds = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (ServerKind s : ServerKind.values()) {
                RoundResult r = new RoundResult(s, run);
                for (Figure f : Figure.values()) {
                    if (s == ServerKind.VICTORIAMETRICS && (f == Figure.VISIBILITY_P50 || f == Figure.VISIBILITY_P99)) {
                        r.outcome(f, "not visible within 5000 ms (12 probes)");
                    } else {
                        r.value(f, 1);
                    }
                }
                double perRun = switch (s) {
                    case STRATA -> 1000;
                    case PROMETHEUS -> 250;
                    case VICTORIAMETRICS -> 500;
                };
                r.value(Figure.INGEST_RATE, perRun * run);
                double ms = s == ServerKind.STRATA ? 10 : 20;
                List<QueryBenchmark.Latency> latencies = new ArrayList<>();
                for (String q : CompareResults.queryNames()) {
                    for (QueryKind k : QueryKind.values()) {
                        latencies.add(new QueryBenchmark.Latency(q, k, s.id(), new LatencyStats(5, ms, ms, ms, ms * 2, ms * 2, ms), 1, 0));
                    }
                }
                r.queries(latencies);
                r.ingestTimeline(new double[] {perRun, perRun * 2, perRun});
                r.phase("backfill", 30);
                r.phase("queries", 10);
                rounds.add(r);
            }
        }
        return new CompareResults(List.of(ServerKind.STRATA, ServerKind.PROMETHEUS, ServerKind.VICTORIAMETRICS), runs, rounds);
    }
}
