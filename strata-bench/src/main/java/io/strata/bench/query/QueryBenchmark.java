package io.strata.bench.query;

import java.io.PrintStream;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The query benchmark as a library call, for harnesses that run it in-process (the compare
 * command) rather than through {@code strata bench query}: same waiting, warm-up, interleaving
 * and checks, with the results handed back as values instead of printed.
 */
public final class QueryBenchmark {
    /**
     * The measured latencies of one query, of one kind, on one target.
     *
     * @param series series in the correct answers when they all agreed, else -1
     * @param errors attempts that got no correct answer
     */
    public record Latency(String query, QueryKind kind, String target, LatencyStats stats, int series, int errors) {}

    /**
     * @param latencies one per query, kind and target, in the suite's order
     * @param problems what made the run fail (targets not ready, disagreements, errors), one line each
     */
    public record Outcome(List<Latency> latencies, List<String> problems) {
        public Outcome {
            latencies = List.copyOf(latencies);
            problems = List.copyOf(problems);
        }

        /** True when every request got a correct answer and nothing was cut short. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private QueryBenchmark() {}

    /** Runs {@code config} and returns what was measured; {@code progress} gets the progress lines. */
    public static Outcome run(QueryConfig config, PrintStream progress) throws InterruptedException {
        QueryReport report;
        try (QueryClient client = new QueryClient(config.timeout())) {
            report = new QueryRun(config, client, InstantSource.system(), progress).execute();
        }
        List<Latency> latencies = new ArrayList<>();
        for (Measurement m : report.measurements()) {
            latencies.add(new Latency(m.query.name(), m.kind, m.target.name(), m.stats(), m.series(), m.errors()));
        }
        return new Outcome(latencies, report.ok() ? List.of() : report.problems());
    }
}
