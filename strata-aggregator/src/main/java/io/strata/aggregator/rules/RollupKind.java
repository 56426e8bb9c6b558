package io.strata.aggregator.rules;

/**
 * The pipeline a rollup rule runs, as M3's rollup transforms. {@code COUNTER}: per input series
 * the increase within the window (resets counted as Prometheus's {@code increase} counts them),
 * summed across the group, then added to a running total, so the output is itself a counter and
 * {@code rate()} over it equals the sum of the inputs' rates. {@code GAUGE}: per input series the
 * last value within the window, combined across the group by the rule's aggregation ({@code sum}
 * by default).
 */
public enum RollupKind {
    COUNTER,
    GAUGE
}
