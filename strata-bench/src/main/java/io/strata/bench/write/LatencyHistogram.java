package io.strata.bench.write;

/**
 * Request latencies in microseconds, in log-linear buckets: 16 buckets per power of two, so any
 * reported percentile is within about 6% of the true value (HdrHistogram's idea with one
 * significant digit, in a few lines). Values below 16 us are exact. Min, max, count and sum are
 * exact. One instance per sending thread, merged at the end; not thread-safe.
 */
final class LatencyHistogram {
    private static final int SUB_BITS = 4;
    private static final int SUB_BUCKETS = 1 << SUB_BITS;
    private static final int BUCKETS = (64 - SUB_BITS) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[index(v)]++;
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    long maxMicros() {
        return max;
    }

    long minMicros() {
        return count == 0 ? 0 : min;
    }

    double meanMicros() {
        return count == 0 ? 0 : (double) sum / count;
    }

    /**
     * The latency that {@code quantile} (0 to 1) of the requests did not exceed: the upper edge of
     * the bucket holding that rank, capped by the exact maximum. 0 when nothing was recorded.
     */
    long percentileMicros(double quantile) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, upperBound(i)));
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) ((v >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1));
        return (exponent - SUB_BITS + 1) * SUB_BUCKETS + sub;
    }

    static long lowerBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int exponent = index / SUB_BUCKETS + SUB_BITS - 1;
        long sub = index % SUB_BUCKETS;
        return (SUB_BUCKETS + sub) << (exponent - SUB_BITS);
    }

    static long upperBound(int index) {
        return index + 1 >= BUCKETS ? Long.MAX_VALUE : lowerBound(index + 1) - 1;
    }
}
