package io.strata.promql.engine;

import java.util.Arrays;

/** The quantile estimate Prometheus uses for {@code quantile} and {@code quantile_over_time}. */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The {@code q}-quantile of {@code values[0..n)}, interpolating linearly between the two
     * nearest ranks. Sorts the prefix in place. NaN values sort first, as in Prometheus.
     */
    public static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortNaNFirst(values, n);
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
    }

    static void sortNaNFirst(double[] values, int n) {
        Arrays.sort(values, 0, n);
        // Arrays.sort puts NaN last; Prometheus's order puts it first.
        int nans = 0;
        while (nans < n && Double.isNaN(values[n - 1 - nans])) {
            nans++;
        }
        if (nans > 0 && nans < n) {
            System.arraycopy(values, 0, values, nans, n - nans);
            Arrays.fill(values, 0, nans, Double.NaN);
        }
    }
}
