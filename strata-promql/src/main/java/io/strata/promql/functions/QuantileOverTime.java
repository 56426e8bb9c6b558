package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.Quantiles;
import io.strata.promql.engine.RangeWindow;
import io.strata.promql.parse.GoNumbers;

/**
 * {@code quantile_over_time} and {@code mad_over_time}. Both sort a copy of the window, so each
 * call gets its own instance with a scratch buffer that grows to the largest window and is reused.
 */
final class QuantileOverTime implements WindowFunction {
    static final String INVALID_QUANTILE = "quantile value should be between 0 and 1, got ";

    private final boolean medianAbsoluteDeviation;
    private double[] scratch = new double[16];
    /** The last invalid quantile warned about, so a constant one is formatted once per call. */
    private double warned = 0.5;

    private QuantileOverTime(boolean medianAbsoluteDeviation) {
        this.medianAbsoluteDeviation = medianAbsoluteDeviation;
    }

    static QuantileOverTime quantile() {
        return new QuantileOverTime(false);
    }

    static QuantileOverTime mad() {
        return new QuantileOverTime(true);
    }

    @Override
    public boolean apply(RangeWindow w, FunctionCall call) {
        int n = w.count();
        if (scratch.length < n) {
            scratch = new double[Math.max(n, scratch.length * 2)];
        }
        System.arraycopy(w.values, w.from, scratch, 0, n);
        if (medianAbsoluteDeviation) {
            // A NaN makes the median, and so the deviation, undefined: propagate it, as upstream.
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(scratch[i])) {
                    w.result = Double.NaN;
                    return true;
                }
            }
            double median = Quantiles.quantile(0.5, scratch, n);
            for (int i = 0; i < n; i++) {
                scratch[i] = Math.abs(w.values[w.from + i] - median);
            }
            w.result = Quantiles.quantile(0.5, scratch, n);
            return true;
        }
        double q = call.scalarArg(0).at(w.step);
        if ((Double.isNaN(q) || q < 0 || q > 1) && Double.compare(q, warned) != 0) {
            // Prometheus warns for every window with samples; the annotation set keeps one per value.
            warned = q;
            call.annotations().warn(INVALID_QUANTILE + GoNumbers.formatShortestGeneral(q), ArgPositions.of(call, 0));
        }
        w.result = Quantiles.quantile(q, scratch, n);
        return true;
    }
}
