package io.strata.server.api;

import io.strata.promql.value.FloatHistogram;
import tools.jackson.core.JsonGenerator;

/**
 * A native histogram as Prometheus's API writes it ({@code jsonutil.MarshalHistogram}):
 *
 * <pre>
 * {"count":"42","sum":"34593.34","buckets":[[3,"-0.25","0.25","3"],[0,"0.25","0.5","12"]]}
 * </pre>
 *
 * Buckets come in ascending order of value (negative buckets, the zero bucket, positive buckets),
 * empty ones are left out, and {@code buckets} is absent when all are empty. The first number of a
 * bucket says which bounds are inclusive: 0 upper only, 1 lower only, 2 neither, 3 both.
 * Exponential buckets are {@code (lower, upper]} on the positive side and {@code [lower, upper)}
 * on the negative side; the zero bucket is {@code [-threshold, threshold]}; custom buckets
 * (schema -53) are {@code (lower, upper]}, the first one {@code [-Inf, upper]}.
 */
final class HistogramJson {
    /** Prometheus's schema for histograms with custom bucket bounds. */
    static final int CUSTOM_BUCKETS_SCHEMA = -53;

    private HistogramJson() {}

    static void write(JsonGenerator g, FloatHistogram h) {
        g.writeStartObject();
        g.writeStringProperty("count", GoFloats.sampleValue(h.count()));
        g.writeStringProperty("sum", GoFloats.sampleValue(h.sum()));
        BucketWriter buckets = new BucketWriter(g);
        boolean custom = h.schema() == CUSTOM_BUCKETS_SCHEMA;
        if (!custom) {
            writeNegative(buckets, h);
            if (h.zeroCount() > 0) {
                buckets.write(-h.zeroThreshold(), h.zeroThreshold(), true, true, h.zeroCount());
            }
        }
        writePositive(buckets, h, custom);
        buckets.finish();
        g.writeEndObject();
    }

    private static void writeNegative(BucketWriter out, FloatHistogram h) {
        int[] offsets = h.negativeSpanOffsets();
        int[] lengths = h.negativeSpanLengths();
        double[] counts = h.negativeBuckets();
        int[] indexes = bucketIndexes(offsets, lengths, counts.length);
        // The most negative bucket (the highest index) comes first.
        for (int i = counts.length - 1; i >= 0; i--) {
            double lower = -bound(indexes[i], h.schema(), h.customValues());
            double upper = -bound(indexes[i] - 1, h.schema(), h.customValues());
            if (upper < 0 && upper > -h.zeroThreshold()) {
                upper = -h.zeroThreshold();
            }
            out.write(lower, upper, lower < 0, upper > 0, counts[i]);
        }
    }

    private static void writePositive(BucketWriter out, FloatHistogram h, boolean custom) {
        int[] offsets = h.positiveSpanOffsets();
        int[] lengths = h.positiveSpanLengths();
        double[] counts = h.positiveBuckets();
        int[] indexes = bucketIndexes(offsets, lengths, counts.length);
        for (int i = 0; i < counts.length; i++) {
            double lower = bound(indexes[i] - 1, h.schema(), h.customValues());
            double upper = bound(indexes[i], h.schema(), h.customValues());
            if (custom) {
                out.write(lower, upper, indexes[i] == 0, true, counts[i]);
                continue;
            }
            if (lower > 0 && lower < h.zeroThreshold()) {
                lower = h.zeroThreshold();
            }
            out.write(lower, upper, lower < 0, upper > 0, counts[i]);
        }
    }

    /** The absolute bucket index of each count, from spans of (gap, length). */
    private static int[] bucketIndexes(int[] offsets, int[] lengths, int bucketCount) {
        int[] indexes = new int[bucketCount];
        int next = 0;
        int index = 0;
        for (int s = 0; s < offsets.length; s++) {
            index += offsets[s];
            for (int j = 0; j < lengths[s]; j++) {
                if (next == bucketCount) {
                    throw new IllegalStateException("BUG: histogram spans cover more than its " + bucketCount + " buckets");
                }
                indexes[next++] = index++;
            }
        }
        if (next != bucketCount) {
            throw new IllegalStateException("BUG: histogram spans cover " + next + " of its " + bucketCount + " buckets");
        }
        return indexes;
    }

    /** The upper bound of bucket {@code index} (so {@code index - 1} gives the lower bound). */
    static double bound(int index, int schema, double[] customValues) {
        if (schema == CUSTOM_BUCKETS_SCHEMA) {
            if (index == customValues.length) {
                return Double.POSITIVE_INFINITY;
            }
            if (index == -1) {
                return Double.NEGATIVE_INFINITY;
            }
            return customValues[index];
        }
        if (schema < 0) {
            long exp = (long) index << -schema;
            if (exp == 1024) {
                // The last bucket of finite values ends at the largest double, not at +Inf,
                // which belongs to the bucket above it (as in Prometheus).
                return Double.MAX_VALUE;
            }
            return exp > 1024 ? Double.POSITIVE_INFINITY : Math.scalb(1.0, (int) Math.max(exp, -1100));
        }
        if (schema > ExponentialBounds.MAX_SCHEMA) {
            throw new IllegalStateException("BUG: histogram schema " + schema + " is beyond " + ExponentialBounds.MAX_SCHEMA);
        }
        double fraction = ExponentialBounds.fraction(schema, index & ((1 << schema) - 1));
        int exp = (index >> schema) + 1;
        if (fraction == 0.5 && exp == 1025) {
            return Double.MAX_VALUE;
        }
        return Math.scalb(fraction, exp);
    }

    /** Writes the non-empty buckets, opening the {@code buckets} array at the first one. */
    private static final class BucketWriter {
        private final JsonGenerator g;
        private boolean open;

        BucketWriter(JsonGenerator g) {
            this.g = g;
        }

        void write(double lower, double upper, boolean lowerInclusive, boolean upperInclusive, double count) {
            if (count == 0) {
                return;
            }
            if (!open) {
                g.writeArrayPropertyStart("buckets");
                open = true;
            }
            int boundaries = lowerInclusive ? (upperInclusive ? 3 : 1) : (upperInclusive ? 0 : 2);
            g.writeStartArray();
            g.writeNumber(boundaries);
            g.writeString(GoFloats.sampleValue(lower));
            g.writeString(GoFloats.sampleValue(upper));
            g.writeString(GoFloats.sampleValue(count));
            g.writeEndArray();
        }

        void finish() {
            if (open) {
                g.writeEndArray();
            }
        }
    }
}
