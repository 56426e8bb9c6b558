package io.strata.bench.query;

import java.util.Objects;

/**
 * One PromQL expression of the benchmark, with a short name for tables and JSON lines.
 *
 * @param name identifier, lower case with underscores (a table column and a JSON key)
 * @param expr the PromQL expression, sent as is to every target
 * @param what one line saying which shape of query it stands for
 * @param seriesFollowValues whether the series a range answer holds depend on the values, as with
 *     {@code topk}: each step keeps the k largest, and engines whose {@code rate} differs in the last
 *     digits (VictoriaMetrics does not extrapolate) keep other series at some steps. For such
 *     queries the targets must agree on the number of points (k per step), not of series.
 */
public record BenchmarkQuery(String name, String expr, String what, boolean seriesFollowValues) {
    public BenchmarkQuery {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(what, "what");
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("query name must be lower case letters, digits and underscores [name=" + name + "]");
        }
    }

    /** A query whose answers hold the same series whatever the values. */
    public BenchmarkQuery(String name, String expr, String what) {
        this(name, expr, what, false);
    }
}
