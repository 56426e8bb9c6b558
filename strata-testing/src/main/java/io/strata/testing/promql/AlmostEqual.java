package io.strata.testing.promql;

import io.strata.model.SampleValues;

/**
 * The float comparison of the test format (FORMAT.md section 8): relative error below 1e-6, with
 * NaN equal to NaN, the stale marker equal only to itself, and zero compared exactly.
 */
public final class AlmostEqual {
    public static final double EPSILON = 1e-6;
    private static final double MIN_NORMAL = Double.MIN_NORMAL; // 2.2250738585072014e-308

    private AlmostEqual() {
    }

    public static boolean equal(double a, double b) {
        boolean staleA = SampleValues.isStaleNaN(a);
        boolean staleB = SampleValues.isStaleNaN(b);
        if (staleA || staleB) {
            return staleA && staleB;
        }
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < MIN_NORMAL) {
            // Next to zero a relative error means nothing; this makes comparing with 0 exact in practice.
            return diff < EPSILON * MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < EPSILON;
    }
}
