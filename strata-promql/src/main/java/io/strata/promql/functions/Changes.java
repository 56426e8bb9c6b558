package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.RangeWindow;

/** {@code changes} and {@code resets}: counts over consecutive pairs of samples in the window. */
final class Changes {
    private Changes() {
    }

    /** How often the value changed; NaN to NaN is no change. */
    static boolean changes(RangeWindow w, FunctionCall call) {
        double[] v = w.values;
        int changes = 0;
        for (int i = w.from + 1; i < w.to; i++) {
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
        double[] v = w.values;
        int resets = 0;
        for (int i = w.from + 1; i < w.to; i++) {
            if (v[i] < v[i - 1]) {
                resets++;
            }
        }
        w.result = resets;
        return true;
    }
}
