package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.RangeWindow;

/**
 * {@code changes} and {@code resets}: counts over consecutive pairs of samples in the window. With
 * the {@code anchored} modifier the count starts at the newest sample at or before the range start
 * (within the lookback delta), so a change right at the boundary counts; a window without a sample
 * inside the range still has no result.
 */
final class Changes {
    private Changes() {
    }

    /** The first sample the pairs start from. */
    private static int first(RangeWindow w) {
        return w.anchored && w.from > w.extendedFrom ? w.from - 1 : w.from;
    }

    /** How often the value changed; NaN to NaN is no change. */
    static boolean changes(RangeWindow w, FunctionCall call) {
        if (w.count() == 0) {
            return false;
        }
        double[] v = w.values;
        int changes = 0;
        for (int i = first(w) + 1; i < w.to; i++) {
            double prev = v[i - 1];
            double cur = v[i];
            if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
                changes++;
            }
        }
        w.result = changes;
        return true;
    }

    /** How often the value decreased (a counter reset). */
    static boolean resets(RangeWindow w, FunctionCall call) {
        if (w.count() == 0) {
            return false;
        }
        double[] v = w.values;
        int resets = 0;
        for (int i = first(w) + 1; i < w.to; i++) {
            if (v[i] < v[i - 1]) {
                resets++;
            }
        }
        w.result = resets;
        return true;
    }
}
