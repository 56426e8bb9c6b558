package io.strata.bench.compare;

import io.strata.bench.query.QueryBenchmark;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one round (one server, one run) measured. Filled by {@link Round} from one thread, then
 * only read.
 */
final class RoundResult {
    private final ServerKind server;
    private final int run;
    private final Map<Figure, Double> values = new EnumMap<>(Figure.class);
    private final Map<Figure, String> outcomes = new EnumMap<>(Figure.class);
    private final List<QueryBenchmark.Latency> queries = new ArrayList<>();
    private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private double[] ingestTimeline = new double[0];

    RoundResult(ServerKind server, int run) {
        this.server = server;
        this.run = run;
    }

    ServerKind server() {
        return server;
    }

    /** 1-based run number. */
    int run() {
        return run;
    }

    void value(Figure f, double v) {
        values.put(f, v);
    }

    /**
     * Records that a figure has no number for a reason that is itself the result, e.g. a new
     * series that never became visible within the probe timeout.
     */
    void outcome(Figure f, String why) {
        outcomes.put(f, why);
    }

    /** The figure's value, NaN when not measured. */
    double value(Figure f) {
        return values.getOrDefault(f, Double.NaN);
    }

    /** The outcome recorded instead of (or beside) a value, {@code null} when none. */
    String outcome(Figure f) {
        return outcomes.get(f);
    }

    void queries(List<QueryBenchmark.Latency> latencies) {
        queries.addAll(latencies);
    }

    List<QueryBenchmark.Latency> queries() {
        return queries;
    }

    void phase(String name, double seconds) {
        phaseSeconds.put(name, seconds);
    }

    /** Wall seconds of each phase, in the order they ran. */
    Map<String, Double> phaseSeconds() {
        return phaseSeconds;
    }

    void problem(String what) {
        problems.add(what);
    }

    /** What went wrong in this round; empty when it completed. */
    List<String> problems() {
        return problems;
    }

    void ingestTimeline(double[] samplesPerSecond) {
        ingestTimeline = samplesPerSecond.clone();
    }

    /** Samples accepted in each second of the backfill, from its first accepted sample. */
    double[] ingestTimeline() {
        return ingestTimeline.clone();
    }
}
