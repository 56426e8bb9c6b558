package io.strata.aggregator.stream;

import io.strata.aggregator.rules.AggregationType;
import io.strata.model.SampleValues;
import java.util.Arrays;

/**
 * The running state of one window: enough to answer every {@link AggregationType}. Quantiles keep
 * the values themselves (a window of a 1h resolution over a 15s scrape holds 240), everything else
 * a few running sums. Reused for the next window after {@link #reset()}. Not thread-safe.
 */
final class WindowAccumulator {
    private final boolean keepValues;
    private final boolean lastOnly;
    private long count;
    private double sum;
    private double sumSq;
    private double min;
    private double max;
    private double last;
    private long lastTime;
    private double[] values;

    WindowAccumulator(boolean keepValues) {
        this(keepValues, false);
    }

    /** @param lastOnly only {@link AggregationType#LAST} will be asked: skip the running sums (the common case) */
    WindowAccumulator(boolean keepValues, boolean lastOnly) {
        this.keepValues = keepValues;
        this.lastOnly = lastOnly;
        reset();
    }

    void reset() {
        count = 0;
        sum = 0;
        sumSq = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        last = Double.NaN;
        lastTime = Long.MIN_VALUE;
    }

    /** Timestamp of the newest sample added. */
    long lastTime() {
        return lastTime;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Adds a sample; stale markers end a series in Prometheus and carry no value, so they are skipped. */
    void add(long t, double v) {
        if (SampleValues.isStaleNaN(v)) {
            return;
        }
        if (lastOnly) {
            count++;
            if (t >= lastTime) {
                lastTime = t;
                last = v;
            }
            return;
        }
        if (keepValues) {
            if (values == null) {
                values = new double[16];
            } else if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[(int) count] = v;
        }
        count++;
        sum = DecimalMath.add(sum, v);
        sumSq += v * v;
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
        if (t >= lastTime) {
            lastTime = t;
            last = v;
        }
    }

    /** The window's value under {@code type}; call only when not empty. */
    double result(AggregationType type) {
        return switch (type) {
            case LAST -> last;
            case SUM -> sum;
            case MIN -> min;
            case MAX -> max;
            case MEAN -> sum / count;
            case COUNT -> count;
            case SUMSQ -> sumSq;
            case STDEV -> stdev();
            default -> quantile(type.quantile());
        };
    }

    /** Sample standard deviation, as M3 computes it (0 for a single value). */
    private double stdev() {
        if (count < 2) {
            return 0;
        }
        double mean = sum / count;
        double variance = (sumSq - count * mean * mean) / (count - 1);
        return Math.sqrt(Math.max(0, variance));
    }

    /** Linear interpolation between closest ranks, as PromQL's {@code quantile_over_time}. */
    private double quantile(double q) {
        int n = (int) count;
        Arrays.sort(values, 0, n);
        double rank = q * (n - 1);
        int lower = (int) Math.floor(rank);
        int upper = Math.min(lower + 1, n - 1);
        double weight = rank - lower;
        return values[lower] * (1 - weight) + values[upper] * weight;
    }
}
