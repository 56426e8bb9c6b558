package io.strata.promql.functions;

/**
 * Quantiles and fractions of one classic histogram: cumulative counts {@code count[0..n)} at
 * ascending upper bounds {@code upper[0..n)} (the {@code le} labels), the last of which must be
 * +Inf. Both arrays are scratch space the caller owns; they are modified in place. Linear
 * interpolation inside a bucket, a lower bound of 0 for the first bucket when its upper bound is
 * positive, as in Prometheus's {@code BucketQuantile} and {@code BucketFraction}.
 */
final class BucketMath {
    /** Relative differences below this between neighbouring buckets are floating-point noise. */
    static final double SMALL_DELTA_TOLERANCE = 1e-12;
    private static final double MIN_NORMAL = 2.2250738585072014e-308;

    /** What {@link #ensureMonotonic} had to change; reused per call, reset by each use. */
    static final class Monotonicity {
        boolean forced;
        /** Lowest and highest upper bound whose count had to be raised. */
        double minBucket;
        double maxBucket;
        /** The largest amount a count had to be raised by. */
        double maxDiff;

        void reset() {
            forced = false;
            minBucket = Double.POSITIVE_INFINITY;
            maxBucket = Double.NEGATIVE_INFINITY;
            maxDiff = 0;
        }
    }

    private BucketMath() {
    }

    /**
     * The {@code q}-quantile. NaN q gives NaN, q below 0 gives -Inf, above 1 +Inf (before anything
     * else is looked at); a highest bound that is not +Inf, fewer than two distinct bounds, or no
     * observations give NaN. A quantile in the +Inf bucket is the second-highest bound; one in a
     * first bucket with a bound of at most 0 is that bound. {@code fix} tells whether counts had
     * to be raised to make them monotonic (reported even when the result is NaN).
     */
    static double quantile(double q, double[] upper, double[] count, int n, Monotonicity fix) {
        fix.reset();
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (upper[n - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        n = coalesce(upper, count, n);
        ensureMonotonic(upper, count, n, fix);
        if (n < 2) {
            return Double.NaN;
        }
        double observations = count[n - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = firstAtLeast(count, n - 1, rank);
        if (b == n - 1) {
            return upper[n - 2];
        }
        if (b == 0 && upper[0] <= 0) {
            return upper[0];
        }
        double bucketStart = 0;
        double bucketEnd = upper[b];
        double inBucket = count[b];
        if (b > 0) {
            bucketStart = upper[b - 1];
            inBucket -= count[b - 1];
            rank -= count[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / inBucket);
    }

    /**
     * The fraction of observations between {@code lower} and {@code upperLimit}, interpolating
     * linearly inside buckets. Nothing is interpolated in a bucket with an infinite bound: a limit
     * inside the first bucket (lower bound -Inf, when its upper bound is at most 0) counts that
     * whole bucket as below it, a limit inside the +Inf bucket counts none of it as below. NaN
     * without observations or with a NaN limit; 0 when the limits are reversed or equal.
     */
    static double fraction(double lower, double upperLimit, double[] upper, double[] count, int n) {
        if (upper[n - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        n = coalesce(upper, count, n);
        double total = count[n - 1];
        if (total == 0 || Double.isNaN(lower) || Double.isNaN(upperLimit)) {
            return Double.NaN;
        }
        if (lower >= upperLimit) {
            return 0;
        }
        double rank = 0;
        double lowerRank = 0;
        double upperRank = 0;
        boolean lowerSet = false;
        boolean upperSet = false;
        double bucketLower = upper[0] <= 0 ? Double.NEGATIVE_INFINITY : 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                bucketLower = upper[i - 1];
            }
            double bucketUpper = upper[i];
            if (!lowerSet && bucketLower >= lower) {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && bucketLower >= upperLimit) {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            if (!lowerSet && bucketLower < lower && bucketUpper > lower) {
                lowerRank = interpolate(lower, rank, count[i], bucketLower, bucketUpper);
                lowerSet = true;
            }
            if (!upperSet && bucketLower < upperLimit && bucketUpper > upperLimit) {
                upperRank = interpolate(upperLimit, rank, count[i], bucketLower, bucketUpper);
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            rank = count[i];
        }
        if (!lowerSet || lowerRank > total) {
            lowerRank = total;
        }
        if (!upperSet || upperRank > total) {
            upperRank = total;
        }
        return (upperRank - lowerRank) / total;
    }

    /**
     * The cumulative count at {@code v} inside a bucket. A bucket reaching down to -Inf has no
     * meaningful interpolation, so it counts fully; in one reaching up to +Inf the share is v/Inf,
     * nothing.
     */
    private static double interpolate(double v, double rankBefore, double cumulative, double lo, double hi) {
        if (lo == Double.NEGATIVE_INFINITY) {
            return cumulative;
        }
        return rankBefore + (cumulative - rankBefore) * (v - lo) / (hi - lo);
    }

    /** Merges neighbours with the same upper bound (0.2 and 2e-1), adding their counts. */
    static int coalesce(double[] upper, double[] count, int n) {
        int last = 0;
        for (int i = 1; i < n; i++) {
            if (upper[i] == upper[last]) {
                count[last] += count[i];
            } else {
                last++;
                upper[last] = upper[i];
                count[last] = count[i];
            }
        }
        return last + 1;
    }

    /**
     * Makes the counts non-decreasing. Differences so small that they are floating-point noise are
     * flattened silently, in either direction; real decreases are raised to the count before them
     * and recorded in {@code fix}. The reference count only moves on an accepted increase.
     */
    static void ensureMonotonic(double[] upper, double[] count, int n, Monotonicity fix) {
        double prev = count[0];
        for (int i = 1; i < n; i++) {
            double cur = count[i];
            if (cur == prev) {
                continue;
            }
            if (almostEqual(prev, cur, SMALL_DELTA_TOLERANCE)) {
                count[i] = prev;
                continue;
            }
            if (cur < prev) {
                count[i] = prev;
                fix.forced = true;
                fix.minBucket = Math.min(fix.minBucket, upper[i]);
                fix.maxBucket = Math.max(fix.maxBucket, upper[i]);
                fix.maxDiff = Math.max(fix.maxDiff, prev - cur);
                continue;
            }
            prev = cur;
        }
    }

    /** Relative equality within {@code epsilon}; exact near zero; NaN equals NaN. */
    static boolean almostEqual(double a, double b, double epsilon) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
            return diff < epsilon * MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }

    /**
     * The first index in {@code [0, n)} whose count is at least {@code rank}, or {@code n}: a
     * binary search exactly like Go's {@code sort.Search}, so that even counts made non-monotonic
     * by NaN lead to the same bucket.
     */
    private static int firstAtLeast(double[] count, int n, double rank) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (!(count[mid] >= rank)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
