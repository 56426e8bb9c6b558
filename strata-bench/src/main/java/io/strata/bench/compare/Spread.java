package io.strata.bench.compare;

import java.util.Arrays;

/**
 * Median and min–max range of a figure's values over runs. The median of an even count is the
 * mean of the two middle values.
 *
 * @param count values it summarises; 0 gives NaN everywhere
 */
public record Spread(int count, double median, double min, double max) {

    /** The spread of the finite values of {@code values} (NaN marks a run without a value and is skipped). */
    public static Spread of(double... values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int n = v.length;
        if (n == 0) {
            return new Spread(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Spread(n, median, v[0], v[n - 1]);
    }

    /** Whether there is any value. */
    public boolean present() {
        return count > 0;
    }

    /** {@code numerator.median / denominator.median}; NaN when either is missing or the denominator is 0. */
    public static double ratio(Spread numerator, Spread denominator) {
        if (!numerator.present() || !denominator.present() || denominator.median == 0) {
            return Double.NaN;
        }
        return numerator.median / denominator.median;
    }
}
