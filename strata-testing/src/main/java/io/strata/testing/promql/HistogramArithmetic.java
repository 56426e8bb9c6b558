package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.FloatHistogram.CounterResetHint;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Addition and subtraction of native histograms for the {@code {{H}}+{{I}}xK} notation, with
 * Prometheus's rules: the increment is brought down to the base's schema (the base may not have
 * the finer one), zero buckets of different widths are widened to the larger one, custom bucket
 * bounds must match, and counter-reset hints combine (equal stays, gauge wins, unknown wins,
 * reset against not_reset gives unknown). Subtraction leaves the base's hint alone.
 */
final class HistogramArithmetic {
    /** Widening a zero bucket moves it across populated buckets; a few hundred steps cover any schema. */
    private static final int MAX_ZERO_BUCKET_ROUNDS = 1_000;

    private HistogramArithmetic() {
    }

    static FloatHistogram add(FloatHistogram base, FloatHistogram increment) {
        return combine(base, increment, false);
    }

    static FloatHistogram subtract(FloatHistogram base, FloatHistogram decrement) {
        return combine(base, decrement, true);
    }

    private static FloatHistogram combine(FloatHistogram baseHistogram, FloatHistogram otherHistogram, boolean subtract) {
        SparseHistogram h = SparseHistogram.of(baseHistogram);
        SparseHistogram other = SparseHistogram.of(otherHistogram);
        if (h.usesCustomBuckets() != other.usesCustomBuckets()) {
            throw bad("cannot combine a custom-bucket histogram with an exponential one");
        }
        if (h.usesCustomBuckets() && !Arrays.equals(h.customValues, other.customValues)) {
            throw bad("cannot combine histograms with different custom bucket bounds "
                    + Arrays.toString(h.customValues) + " and " + Arrays.toString(other.customValues));
        }
        if (h.schema > other.schema) {
            throw bad("cannot combine histograms: the base has schema " + h.schema
                    + ", finer than the other's " + other.schema);
        }
        if (!subtract) {
            h.hint = combinedHint(h.hint, other.hint);
        }
        double otherZeroCount = h.usesCustomBuckets() ? 0 : reconcileZeroBuckets(h, other);
        double sign = subtract ? -1 : 1;
        if (subtract) {
            h.zeroCount -= otherZeroCount;
            h.count -= other.count;
            h.sum -= other.sum;
        } else {
            h.zeroCount += otherZeroCount;
            h.count += other.count;
            h.sum += other.sum;
        }
        addBuckets(h, h.positive, reduce(other.positive, other.schema, h.schema), sign);
        addBuckets(h, h.negative, reduce(other.negative, other.schema, h.schema), sign);
        return h.toFloatHistogram();
    }

    private static CounterResetHint combinedHint(CounterResetHint h, CounterResetHint other) {
        if (h == other || h == CounterResetHint.GAUGE) {
            return h;
        }
        if (other == CounterResetHint.GAUGE) {
            return CounterResetHint.GAUGE;
        }
        return CounterResetHint.UNKNOWN;
    }

    /** Buckets of {@code fromSchema} summed into the buckets of the coarser {@code schema}, in index order. */
    private static TreeMap<Integer, Double> reduce(TreeMap<Integer, Double> buckets, int fromSchema, int schema) {
        if (fromSchema == schema || schema == SparseHistogram.CUSTOM_BUCKETS_SCHEMA) {
            return buckets;
        }
        TreeMap<Integer, Double> reduced = new TreeMap<>();
        for (Map.Entry<Integer, Double> e : buckets.entrySet()) {
            reduced.merge(SparseHistogram.coarserIndex(e.getKey(), fromSchema, schema), e.getValue(), Double::sum);
        }
        return reduced;
    }

    /** Adds (or subtracts) buckets into {@code into}, leaving out the ones inside {@code h}'s zero bucket. */
    private static void addBuckets(SparseHistogram h, TreeMap<Integer, Double> into, TreeMap<Integer, Double> other,
            double sign) {
        for (Map.Entry<Integer, Double> e : other.entrySet()) {
            int index = e.getKey();
            if (!h.usesCustomBuckets() && SparseHistogram.upperBound(index, h.schema) <= h.zeroThreshold) {
                continue; // already counted in the zero bucket by reconcileZeroBuckets
            }
            into.merge(index, sign * e.getValue(), Double::sum);
        }
    }

    /**
     * Widens the narrower zero bucket until both have the same threshold and returns the other
     * histogram's zero count at that width (its buckets inside the new zero bucket included).
     */
    private static double reconcileZeroBuckets(SparseHistogram h, SparseHistogram other) {
        double otherZeroCount = other.zeroCount;
        double otherThreshold = other.zeroThreshold;
        for (int round = 0; otherThreshold != h.zeroThreshold; round++) {
            if (round == MAX_ZERO_BUCKET_ROUNDS) {
                throw new IllegalStateException("BUG: zero buckets did not converge after " + round + " rounds");
            }
            if (h.zeroThreshold > otherThreshold) {
                double[] widened = zeroCountForLargerThreshold(other, h.zeroThreshold);
                otherZeroCount = widened[0];
                otherThreshold = widened[1];
            }
            if (otherThreshold > h.zeroThreshold) {
                double[] widened = zeroCountForLargerThreshold(h, otherThreshold);
                h.zeroCount = widened[0];
                h.zeroThreshold = widened[1];
                dropBucketsInsideZeroBucket(h);
            }
        }
        return otherZeroCount;
    }

    /**
     * The zero count {@code h} would have with a zero bucket at least {@code threshold} wide, and
     * that width: a populated bucket cut by the threshold widens it to the bucket's bound.
     */
    private static double[] zeroCountForLargerThreshold(SparseHistogram h, double threshold) {
        if (threshold == h.zeroThreshold) {
            return new double[] {h.zeroCount, threshold};
        }
        double larger = threshold;
        for (int round = 0; round < MAX_ZERO_BUCKET_ROUNDS; round++) {
            double count = h.zeroCount;
            double before = larger;
            for (TreeMap<Integer, Double> side : List.of(h.positive, h.negative)) {
                for (Map.Entry<Integer, Double> e : side.entrySet()) {
                    double lower = SparseHistogram.upperBound(e.getKey() - 1, h.schema);
                    double upper = SparseHistogram.upperBound(e.getKey(), h.schema);
                    if (lower >= larger) {
                        break;
                    }
                    count += e.getValue();
                    if (upper > larger) {
                        if (e.getValue() != 0) {
                            larger = upper;
                        }
                        break;
                    }
                }
                if (larger != before) {
                    break; // the positive side must be recounted with the wider bucket
                }
            }
            if (larger == before) {
                return new double[] {count, larger};
            }
        }
        throw new IllegalStateException("BUG: zero bucket width did not settle for threshold " + threshold);
    }

    private static void dropBucketsInsideZeroBucket(SparseHistogram h) {
        for (TreeMap<Integer, Double> side : List.of(h.positive, h.negative)) {
            side.keySet().removeIf(index -> SparseHistogram.upperBound(index - 1, h.schema) < h.zeroThreshold);
        }
    }

    private static StrataException bad(String message) {
        return new StrataException(ErrorCode.BAD_DATA, message);
    }
}
