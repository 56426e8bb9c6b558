package io.strata.aggregator.rules;

import java.util.Locale;

/**
 * How the samples of one window (or of several series in a rollup) become one value. Names and
 * meanings are M3's: {@code Last}, {@code Sum}, {@code Min}, {@code Max}, {@code Mean},
 * {@code Count}, {@code SumSq}, {@code Stdev}, {@code Median} and the quantiles {@code P10} to
 * {@code P9999}; they are read case-insensitively.
 */
public enum AggregationType {
    LAST("last", Double.NaN),
    SUM("sum", Double.NaN),
    MIN("min", Double.NaN),
    MAX("max", Double.NaN),
    MEAN("mean", Double.NaN),
    COUNT("count", Double.NaN),
    SUMSQ("sumsq", Double.NaN),
    STDEV("stdev", Double.NaN),
    MEDIAN("median", 0.5),
    P10("p10", 0.1),
    P20("p20", 0.2),
    P30("p30", 0.3),
    P40("p40", 0.4),
    P50("p50", 0.5),
    P60("p60", 0.6),
    P70("p70", 0.7),
    P75("p75", 0.75),
    P80("p80", 0.8),
    P90("p90", 0.9),
    P95("p95", 0.95),
    P99("p99", 0.99),
    P999("p999", 0.999),
    P9999("p9999", 0.9999);

    private final String text;
    private final double quantile;

    AggregationType(String text, double quantile) {
        this.text = text;
        this.quantile = quantile;
    }

    /** The lower-case name used in configuration and in suffixes of output series. */
    public String text() {
        return text;
    }

    /** Whether the window must keep every value (quantiles) rather than a few running sums. */
    public boolean isQuantile() {
        return !Double.isNaN(quantile);
    }

    /** The quantile in (0, 1) of a quantile aggregation, NaN otherwise. */
    public double quantile() {
        return quantile;
    }

    /**
     * Reads a name case-insensitively ({@code max}, {@code Max}, {@code P99}).
     *
     * @throws IllegalArgumentException naming the value and listing the known names
     */
    public static AggregationType parse(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        for (AggregationType t : values()) {
            if (t.text.equals(lower)) {
                return t;
            }
        }
        StringBuilder known = new StringBuilder();
        for (AggregationType t : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(t.text);
        }
        throw new IllegalArgumentException("unknown aggregation \"" + name + "\"; known aggregations are " + known);
    }
}
