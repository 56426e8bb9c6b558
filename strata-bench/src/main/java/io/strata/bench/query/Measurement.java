package io.strata.bench.query;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything observed for one query, of one kind, on one target: the latencies of the measured
 * (non-warm-up) answers, the series counts of every correct answer, and the failures. Not
 * thread-safe: the benchmark sends one query at a time.
 */
final class Measurement {
    final BenchmarkQuery query;
    final QueryKind kind;
    final Target target;
    private long[] nanos = new long[16];
    private int measured;
    private int attempts;
    private int errors;
    private String firstError;
    private final Set<Integer> seriesCounts = new TreeSet<>();
    private final Set<Long> pointCounts = new TreeSet<>();
    private long points;
    private int bytes;

    Measurement(BenchmarkQuery query, QueryKind kind, Target target) {
        this.query = query;
        this.kind = kind;
        this.target = target;
    }

    /** Records a correct answer; its latency counts only when {@code measured} (not a warm-up). */
    void success(QueryClient.Timed timed, boolean measuredRun) {
        attempts++;
        QueryAnswer a = timed.answer();
        seriesCounts.add(a.series());
        pointCounts.add(a.points());
        points = a.points();
        bytes = a.bytes();
        if (measuredRun) {
            if (measured == nanos.length) {
                nanos = Arrays.copyOf(nanos, nanos.length * 2);
            }
            nanos[measured++] = timed.nanos();
        }
    }

    /** Records an attempt that got no correct answer. */
    void failure(String why) {
        attempts++;
        errors++;
        if (firstError == null) {
            firstError = why;
        }
    }

    LatencyStats stats() {
        return LatencyStats.ofNanos(nanos, measured);
    }

    int attempts() {
        return attempts;
    }

    int errors() {
        return errors;
    }

    /** The first failure's description, {@code null} when none failed. */
    String firstError() {
        return firstError;
    }

    /** Distinct series counts of the correct answers, ascending; more than one means the answers changed between runs. */
    Set<Integer> seriesCounts() {
        return seriesCounts;
    }

    /** Distinct point counts of the correct answers, ascending. */
    Set<Long> pointCounts() {
        return pointCounts;
    }

    /** Series of the correct answers when they all agreed, else -1 (also when none was correct). */
    int series() {
        return seriesCounts.size() == 1 ? seriesCounts.iterator().next() : -1;
    }

    /** Points of the last correct answer. */
    long points() {
        return points;
    }

    /** Body size of the last correct answer. */
    int bytes() {
        return bytes;
    }
}
