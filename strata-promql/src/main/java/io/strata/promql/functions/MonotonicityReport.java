package io.strata.promql.functions;

import io.strata.model.GoQuote;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.parse.GoNumbers;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prometheus's "needed to be fixed for monotonicity" info. Upstream merges every occurrence with
 * the same metric name into one annotation that summarises them (bucket range, largest fix,
 * number of occurrences, time range), so occurrences are collected over the whole call and
 * reported once at the end.
 */
final class MonotonicityReport {
    static final String FORCED_MONOTONICITY = "input to histogram_quantile needed to be fixed for monotonicity "
            + "(see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)";

    private static final class Summary {
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        double minBucket = Double.POSITIVE_INFINITY;
        double maxBucket = Double.NEGATIVE_INFINITY;
        double maxDiff;
        long count;
    }

    private final Map<String, Summary> byMetricName = new LinkedHashMap<>();

    /**
     * Records one fixed histogram at time {@code ts}; {@code metricName} is empty when the name is
     * not to be shown (no delayed name removal).
     */
    void add(String metricName, long ts, BucketMath.Monotonicity fix) {
        Summary s = byMetricName.computeIfAbsent(metricName, k -> new Summary());
        s.minTs = Math.min(s.minTs, ts);
        s.maxTs = Math.max(s.maxTs, ts);
        s.minBucket = Math.min(s.minBucket, fix.minBucket);
        s.maxBucket = Math.max(s.maxBucket, fix.maxBucket);
        s.maxDiff = Math.max(s.maxDiff, fix.maxDiff);
        s.count++;
    }

    void emit(FunctionCall call, PositionRange position) {
        byMetricName.forEach((name, s) -> call.annotations().info(message(name, s), position));
    }

    private static String message(String metricName, Summary s) {
        StringBuilder sb = new StringBuilder(FORCED_MONOTONICITY);
        if (!metricName.isEmpty()) {
            sb.append(" for metric name ").append(GoQuote.quote(metricName));
        }
        return sb.append(", from buckets ").append(GoNumbers.formatShortestGeneral(s.minBucket))
                .append(" to ").append(GoNumbers.formatShortestGeneral(s.maxBucket))
                .append(", with a max diff of ").append(GoNumbers.formatGeneral(s.maxDiff, 2))
                .append(", over ").append(s.count).append(" samples from ").append(rfc3339(s.minTs))
                .append(" to ").append(rfc3339(s.maxTs))
                .toString();
    }

    /** Go's RFC 3339 rendering of a time truncated to whole seconds, in UTC. */
    private static String rfc3339(long ms) {
        // Go divides with truncation toward zero here (ms/1000), not floor.
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(ms / 1000));
    }
}
