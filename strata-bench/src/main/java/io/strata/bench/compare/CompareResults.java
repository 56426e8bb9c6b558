package io.strata.bench.compare;

import io.strata.bench.query.QueryBenchmark;
import io.strata.bench.query.QueryKind;
import io.strata.bench.query.QuerySuite;
import io.strata.bench.query.BenchmarkQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rounds of a compare summarised per server: every figure's values per run and their spread,
 * Strata's ratio to each peer, the query latencies per query and kind, and the phase times.
 */
final class CompareResults {
    private final List<ServerKind> servers;
    private final int runs;
    private final List<RoundResult> rounds;

    CompareResults(List<ServerKind> servers, int runs, List<RoundResult> rounds) {
        this.servers = List.copyOf(servers);
        this.runs = runs;
        this.rounds = List.copyOf(rounds);
    }

    List<ServerKind> servers() {
        return servers;
    }

    int runs() {
        return runs;
    }

    List<RoundResult> rounds() {
        return rounds;
    }

    /** The figure's value in each run of {@code server}, in run order; NaN where the run has none. */
    double[] values(ServerKind server, Figure figure) {
        double[] v = new double[runs];
        java.util.Arrays.fill(v, Double.NaN);
        for (RoundResult r : rounds) {
            if (r.server() == server) {
                v[r.run() - 1] = r.value(figure);
            }
        }
        return v;
    }

    Spread spread(ServerKind server, Figure figure) {
        return Spread.of(values(server, figure));
    }

    /** Distinct outcomes recorded for the figure on {@code server} (e.g. "not visible within 5000 ms"), in run order. */
    List<String> outcomes(ServerKind server, Figure figure) {
        Set<String> o = new LinkedHashSet<>();
        for (RoundResult r : rounds) {
            if (r.server() == server && r.outcome(figure) != null) {
                o.add(r.outcome(figure));
            }
        }
        return List.copyOf(o);
    }

    /**
     * Strata's median divided by the peer's; NaN when either is missing, or when either server had
     * runs with an outcome instead of a number (a series never visible): its median is then of the
     * capped waits, which a ratio would pass off as a measurement.
     */
    double ratio(Figure figure, ServerKind peer) {
        if (!outcomes(ServerKind.STRATA, figure).isEmpty() || !outcomes(peer, figure).isEmpty()) {
            return Double.NaN;
        }
        return Spread.ratio(spread(ServerKind.STRATA, figure), spread(peer, figure));
    }

    /** Per run, the statistic {@code p99 ? p99 : p50} in ms of one query and kind on one server; NaN where missing. */
    double[] queryValues(ServerKind server, String query, QueryKind kind, boolean p99) {
        double[] v = new double[runs];
        java.util.Arrays.fill(v, Double.NaN);
        for (RoundResult r : rounds) {
            if (r.server() != server) {
                continue;
            }
            for (QueryBenchmark.Latency l : r.queries()) {
                if (l.query().equals(query) && l.kind() == kind && l.stats().count() > 0) {
                    v[r.run() - 1] = p99 ? l.stats().p99() : l.stats().p50();
                }
            }
        }
        return v;
    }

    Spread querySpread(ServerKind server, String query, QueryKind kind, boolean p99) {
        return Spread.of(queryValues(server, query, kind, p99));
    }

    /** The suite's query names, in report order. */
    static List<String> queryNames() {
        List<String> names = new ArrayList<>();
        for (BenchmarkQuery q : QuerySuite.STANDARD) {
            names.add(q.name());
        }
        return names;
    }

    /**
     * Instant queries on which the servers of one run returned different numbers of series, one
     * line each ("run 1: topk_network instant: strata 10, prometheus 10, victoriametrics 9").
     * Servers run one at a time, so this is checked after the fact, over the same data. Range
     * queries are left out: which series {@code topk} keeps at each step follows the values, and
     * VictoriaMetrics computes {@code rate} without extrapolation. Not a failure: a difference in
     * semantics, worth reading, not a broken round.
     */
    List<String> answerDisagreements() {
        List<String> lines = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String q : queryNames()) {
                Map<String, Integer> byServer = new LinkedHashMap<>();
                for (RoundResult r : rounds) {
                    if (r.run() != run) {
                        continue;
                    }
                    for (QueryBenchmark.Latency l : r.queries()) {
                        if (l.query().equals(q) && l.kind() == QueryKind.INSTANT && l.series() >= 0) {
                            byServer.put(r.server().id(), l.series());
                        }
                    }
                }
                if (new java.util.HashSet<>(byServer.values()).size() > 1) {
                    StringBuilder sb = new StringBuilder("run " + run + ": " + q + " instant:");
                    String sep = " ";
                    for (Map.Entry<String, Integer> e : byServer.entrySet()) {
                        sb.append(sep).append(e.getKey()).append(' ').append(e.getValue());
                        sep = ", ";
                    }
                    lines.add(sb.toString());
                }
            }
        }
        return lines;
    }

    /** Median over runs of each phase's wall seconds, per server; phases in the order they ran. */
    Map<String, Spread> phaseSeconds(ServerKind server) {
        Map<String, List<Double>> byPhase = new LinkedHashMap<>();
        for (RoundResult r : rounds) {
            if (r.server() == server) {
                r.phaseSeconds().forEach((phase, s) -> byPhase.computeIfAbsent(phase, p -> new ArrayList<>()).add(s));
            }
        }
        Map<String, Spread> spreads = new LinkedHashMap<>();
        byPhase.forEach((phase, list) -> spreads.put(phase, Spread.of(list.stream().mapToDouble(Double::doubleValue).toArray())));
        return spreads;
    }

    /** Total wall seconds of all rounds. */
    double totalSeconds() {
        double s = 0;
        for (RoundResult r : rounds) {
            for (double v : r.phaseSeconds().values()) {
                s += v;
            }
        }
        return s;
    }

    /** The ingest rate per second of {@code server}'s first run, empty when it has none. */
    double[] ingestTimeline(ServerKind server) {
        for (RoundResult r : rounds) {
            if (r.server() == server && r.run() == 1) {
                return r.ingestTimeline();
            }
        }
        return new double[0];
    }

    /** Every problem of every round, prefixed with server and run. */
    List<String> problems() {
        List<String> p = new ArrayList<>();
        for (RoundResult r : rounds) {
            for (String why : r.problems()) {
                p.add(r.server().id() + " run " + r.run() + ": " + why);
            }
        }
        return p;
    }

    /**
     * Figures without a value on some server in some run and no outcome explaining why; the CI
     * script fails on any.
     */
    List<String> missingFigures() {
        List<String> missing = new ArrayList<>();
        for (ServerKind s : servers) {
            for (Figure f : Figure.values()) {
                double[] v = values(s, f);
                for (int run = 0; run < runs; run++) {
                    if (!Double.isFinite(v[run]) && !hasOutcome(s, run + 1, f)) {
                        missing.add(s.id() + " run " + (run + 1) + ": " + f.key());
                    }
                }
            }
        }
        return missing;
    }

    private boolean hasOutcome(ServerKind server, int run, Figure f) {
        for (RoundResult r : rounds) {
            if (r.server() == server && r.run() == run && r.outcome(f) != null) {
                return true;
            }
        }
        return false;
    }

    /** True when every round completed and every figure has a value or an outcome. */
    boolean complete() {
        return problems().isEmpty() && missingFigures().isEmpty();
    }
}
