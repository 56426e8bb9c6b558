package io.strata.bench.query;

import java.util.Arrays;

/**
 * The distribution of a few latencies, in milliseconds. Iteration counts are small (tens), so the
 * values are kept and sorted rather than bucketed: percentiles are exact, interpolated linearly
 * between the two nearest ranks (the common "type 7" definition, numpy's default), which makes
 * the median of an even count the mean of the two middle values.
 *
 * @param count number of latencies; 0 gives all statistics as NaN
 */
public record LatencyStats(int count, double min, double p50, double p90, double p99, double max, double mean) {

    /** Statistics of the first {@code n} entries of {@code nanos}; the array is not modified. */
    public static LatencyStats ofNanos(long[] nanos, int n) {
        if (n < 0 || n > nanos.length) {
            throw new IllegalArgumentException("n must be between 0 and " + nanos.length + " [n=" + n + "]");
        }
        if (n == 0) {
            return new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] ms = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            ms[i] = nanos[i] / 1e6;
            sum += ms[i];
        }
        Arrays.sort(ms);
        return new LatencyStats(n, ms[0], quantile(ms, 0.5), quantile(ms, 0.9), quantile(ms, 0.99), ms[n - 1], sum / n);
    }

    /** The {@code q} quantile (0 to 1) of sorted, non-empty {@code values}. */
    static double quantile(double[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = Math.min(lower + 1, sorted.length - 1);
        return sorted[lower] + (rank - lower) * (sorted[upper] - sorted[lower]);
    }
}
