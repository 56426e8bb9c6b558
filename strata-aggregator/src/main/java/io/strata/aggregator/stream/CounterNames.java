package io.strata.aggregator.stream;

import io.strata.model.Labels;

/**
 * Tells counters from gauges by the metric name, the only signal remote write gives reliably for
 * every sample: Prometheus's naming conventions end counters in {@code _total}, and the classic
 * histogram and summary series {@code _count}, {@code _sum} and {@code _bucket} are counters too.
 * The aggregator and the query's seam between namespaces use the same rule, so they agree.
 */
public final class CounterNames {
    private CounterNames() {}

    public static boolean isCounter(Labels series) {
        String name = series.metricName();
        return name != null && (name.endsWith("_total") || name.endsWith("_count") || name.endsWith("_sum")
                || name.endsWith("_bucket"));
    }
}
