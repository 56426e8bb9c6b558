package io.strata.testing.promql;

import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.FloatHistogram.CounterResetHint;
import java.util.Map;
import java.util.TreeMap;

/**
 * A native histogram with its buckets as sorted {@code index -> count} maps, the form in which
 * combining, comparing and printing histograms is simplest. Test data only: not for hot paths.
 */
final class SparseHistogram {
    static final int CUSTOM_BUCKETS_SCHEMA = -53;

    CounterResetHint hint;
    int schema;
    double zeroThreshold;
    double zeroCount;
    double count;
    double sum;
    final TreeMap<Integer, Double> positive = new TreeMap<>();
    final TreeMap<Integer, Double> negative = new TreeMap<>();
    double[] customValues;

    static SparseHistogram of(FloatHistogram h) {
        SparseHistogram s = new SparseHistogram();
        s.hint = h.counterResetHint() == null ? CounterResetHint.UNKNOWN : h.counterResetHint();
        s.schema = h.schema();
        s.zeroThreshold = h.zeroThreshold();
        s.zeroCount = h.zeroCount();
        s.count = h.count();
        s.sum = h.sum();
        unpack(h.positiveSpanOffsets(), h.positiveSpanLengths(), h.positiveBuckets(), s.positive);
        unpack(h.negativeSpanOffsets(), h.negativeSpanLengths(), h.negativeBuckets(), s.negative);
        s.customValues = h.customValues() == null ? new double[0] : h.customValues().clone();
        return s;
    }

    SparseHistogram copy() {
        SparseHistogram c = new SparseHistogram();
        c.hint = hint;
        c.schema = schema;
        c.zeroThreshold = zeroThreshold;
        c.zeroCount = zeroCount;
        c.count = count;
        c.sum = sum;
        c.positive.putAll(positive);
        c.negative.putAll(negative);
        c.customValues = customValues.clone();
        return c;
    }

    boolean usesCustomBuckets() {
        return schema == CUSTOM_BUCKETS_SCHEMA;
    }

    /** Back to spans: one span per run of consecutive indexes present in the map. */
    FloatHistogram toFloatHistogram() {
        Packed pos = pack(positive);
        Packed neg = pack(negative);
        return new FloatHistogram(hint, schema, zeroThreshold, zeroCount, count, sum,
                pos.offsets, pos.lengths, pos.counts, neg.offsets, neg.lengths, neg.counts, customValues.clone());
    }

    /** Upper bound of exponential bucket {@code index}: 2^(index * 2^-schema). */
    static double upperBound(int index, int schema) {
        if (schema <= 0) {
            return Math.scalb(1.0, (int) Math.max(Integer.MIN_VALUE / 2,
                    Math.min(Integer.MAX_VALUE / 2, (long) index << -schema)));
        }
        int perPowerOfTwo = 1 << schema;
        int fraction = index & (perPowerOfTwo - 1);
        int exponent = index >> schema;
        return Math.scalb(Math.pow(2, (double) fraction / perPowerOfTwo), exponent);
    }

    /** The bucket at {@code schema} that holds bucket {@code index} of a finer {@code fromSchema}. */
    static int coarserIndex(int index, int fromSchema, int schema) {
        return ((index - 1) >> (fromSchema - schema)) + 1;
    }

    private static void unpack(int[] offsets, int[] lengths, double[] counts, TreeMap<Integer, Double> into) {
        if (offsets == null || counts == null) {
            return;
        }
        int index = 0;
        int k = 0;
        for (int span = 0; span < offsets.length; span++) {
            index += offsets[span];
            for (int j = 0; j < lengths[span] && k < counts.length; j++) {
                into.merge(index, counts[k++], Double::sum);
                index++;
            }
        }
    }

    private record Packed(int[] offsets, int[] lengths, double[] counts) {}

    private static Packed pack(TreeMap<Integer, Double> buckets) {
        int spans = 0;
        Integer previous = null;
        for (int index : buckets.keySet()) {
            if (previous == null || index != previous + 1) {
                spans++;
            }
            previous = index;
        }
        int[] offsets = new int[spans];
        int[] lengths = new int[spans];
        double[] counts = new double[buckets.size()];
        int span = -1;
        int k = 0;
        previous = null;
        for (Map.Entry<Integer, Double> e : buckets.entrySet()) {
            int index = e.getKey();
            if (previous == null || index != previous + 1) {
                span++;
                offsets[span] = previous == null ? index : index - previous - 1;
            }
            lengths[span]++;
            counts[k++] = e.getValue();
            previous = index;
        }
        return new Packed(offsets, lengths, counts);
    }
}
