package io.strata.promql.functions;

import io.strata.promql.engine.KahanSum;
import io.strata.promql.value.FloatHistogram;

/**
 * The statistics {@code histogram_count}, {@code histogram_sum}, {@code histogram_avg},
 * {@code histogram_stddev} and {@code histogram_stdvar} take of one native histogram, with
 * Prometheus's estimates: each bucket's observations sit at the bucket's arithmetic mean (custom
 * buckets), at 0 (the zero bucket) or at its geometric mean (exponential buckets).
 */
final class HistogramStatistics {
    /** Schema of histograms with custom bucket bounds (NHCB). */
    static final int CUSTOM_BUCKETS_SCHEMA = -53;

    private HistogramStatistics() {
    }

    static double count(FloatHistogram h) {
        return h.count();
    }

    static double sum(FloatHistogram h) {
        return h.sum();
    }

    /** Sum over count, unguarded: an empty histogram gives NaN. */
    static double avg(FloatHistogram h) {
        return h.sum() / h.count();
    }

    /** The population variance of the observations around {@code sum/count}. */
    static double variance(FloatHistogram h) {
        double mean = h.sum() / h.count();
        double[] acc = new double[2]; // variance, compensation
        forEachBucket(h, (lower, upper, count) -> {
            if (count == 0) {
                return;
            }
            double val;
            if (h.schema() == CUSTOM_BUCKETS_SCHEMA) {
                val = (upper + lower) / 2.0;
            } else if (lower <= 0 && upper >= 0) {
                val = 0;
            } else {
                val = Math.sqrt(upper * lower);
                if (upper < 0) {
                    val = -val;
                }
            }
            double delta = val - mean;
            double inc = count * delta * delta;
            double sum = KahanSum.sum(inc, acc[0]);
            acc[1] = KahanSum.compensation(inc, acc[0], acc[1]);
            acc[0] = sum;
        });
        return (acc[0] + acc[1]) / h.count();
    }

    /** Receives one bucket: its bounds and its (non-cumulative) count. */
    @FunctionalInterface
    interface BucketVisitor {
        void visit(double lower, double upper, double count);
    }

    /**
     * Every bucket in ascending order of bounds: negative buckets from the most negative, the zero
     * bucket (when it has a width or observations), then positive buckets.
     */
    static void forEachBucket(FloatHistogram h, BucketVisitor visitor) {
        if (h.schema() == CUSTOM_BUCKETS_SCHEMA) {
            double[] bounds = h.customValues();
            visitSpans(h.positiveSpanOffsets(), h.positiveSpanLengths(), h.positiveBuckets(), (index, count) -> {
                double lower = index == 0 ? Double.NEGATIVE_INFINITY : bounds[index - 1];
                double upper = index < bounds.length ? bounds[index] : Double.POSITIVE_INFINITY;
                visitor.visit(lower, upper, count);
            });
            return;
        }
        int schema = h.schema();
        int[] negativeIndexes = indexes(h.negativeSpanOffsets(), h.negativeSpanLengths());
        double[] negative = h.negativeBuckets();
        for (int i = negativeIndexes.length - 1; i >= 0; i--) {
            int idx = negativeIndexes[i];
            visitor.visit(-bound(idx, schema), -bound(idx - 1, schema), negative[i]);
        }
        if (h.zeroThreshold() != 0 || h.zeroCount() != 0) {
            visitor.visit(-h.zeroThreshold(), h.zeroThreshold(), h.zeroCount());
        }
        visitSpans(h.positiveSpanOffsets(), h.positiveSpanLengths(), h.positiveBuckets(),
                (index, count) -> visitor.visit(bound(index - 1, schema), bound(index, schema), count));
    }

    @FunctionalInterface
    private interface IndexedCount {
        void accept(int index, double count);
    }

    private static void visitSpans(int[] offsets, int[] lengths, double[] counts, IndexedCount consumer) {
        int[] idx = indexes(offsets, lengths);
        for (int i = 0; i < idx.length; i++) {
            consumer.accept(idx[i], counts[i]);
        }
    }

    /** The absolute bucket index of every bucket the spans describe, in order. */
    private static int[] indexes(int[] offsets, int[] lengths) {
        int total = 0;
        for (int length : lengths) {
            total += length;
        }
        int[] out = new int[total];
        int n = 0;
        int index = 0;
        for (int s = 0; s < offsets.length; s++) {
            index += offsets[s];
            for (int j = 0; j < lengths[s]; j++) {
                out[n++] = index++;
            }
        }
        return out;
    }

    /**
     * The upper bound of exponential bucket {@code idx}: {@code 2^(idx * 2^-schema)}. The last
     * bucket before the one for infinite observations ends at the largest double, as upstream.
     */
    static double bound(int idx, int schema) {
        if (schema < 0) {
            long exp = (long) idx << -schema;
            if (exp == 1024) {
                return Double.MAX_VALUE;
            }
            return Math.scalb(1.0, (int) Math.max(Math.min(exp, 2000), -2000));
        }
        int fracIdx = idx & ((1 << schema) - 1);
        double frac = StrictMath.pow(2, (double) fracIdx / (1 << schema)) / 2;
        int exp = (idx >> schema) + 1;
        if (frac == 0.5 && exp == 1025) {
            return Double.MAX_VALUE;
        }
        return Math.scalb(frac, exp);
    }
}
