package io.strata.testing.promql;

import io.strata.promql.value.FloatHistogram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Histogram equality of the test format (FORMAT.md section 8): both sides compacted (empty
 * buckets dropped, so only the layout of populated buckets counts), schema and zero threshold
 * exactly equal, counts and sums {@link AlmostEqual}, custom bounds equal when the expected
 * histogram has custom buckets, and the counter-reset hint only when the expected literal spelled it out.
 */
final class HistogramEquality {
    private HistogramEquality() {
    }

    static boolean equal(FloatHistogram expected, FloatHistogram actual, boolean compareHint) {
        if (expected == null || actual == null) {
            return false;
        }
        SparseHistogram exp = SparseHistogram.of(expected);
        SparseHistogram act = SparseHistogram.of(actual);
        if (exp.schema != act.schema || !AlmostEqual.equal(exp.count, act.count)
                || !AlmostEqual.equal(exp.sum, act.sum)) {
            return false;
        }
        if (exp.usesCustomBuckets() && !sameBounds(exp.customValues, act.customValues)) {
            return false;
        }
        if (exp.zeroThreshold != act.zeroThreshold || !AlmostEqual.equal(exp.zeroCount, act.zeroCount)) {
            return false;
        }
        if (!sameBuckets(exp.negative, act.negative) || !sameBuckets(exp.positive, act.positive)) {
            return false;
        }
        return !compareHint || exp.hint == act.hint;
    }

    private static boolean sameBounds(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBuckets(TreeMap<Integer, Double> expected, TreeMap<Integer, Double> actual) {
        List<Map.Entry<Integer, Double>> e = populated(expected);
        List<Map.Entry<Integer, Double>> a = populated(actual);
        if (e.size() != a.size()) {
            return false;
        }
        for (int i = 0; i < e.size(); i++) {
            if (!e.get(i).getKey().equals(a.get(i).getKey())
                    || !AlmostEqual.equal(e.get(i).getValue(), a.get(i).getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Compaction as Prometheus's {@code Compact(0)}: a bucket holding exactly 0 is no bucket. */
    private static List<Map.Entry<Integer, Double>> populated(TreeMap<Integer, Double> buckets) {
        List<Map.Entry<Integer, Double>> out = new ArrayList<>();
        for (Map.Entry<Integer, Double> b : buckets.entrySet()) {
            if (b.getValue() != 0) {
                out.add(b);
            }
        }
        return out;
    }
}
