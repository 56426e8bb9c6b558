package io.strata.promql.functions;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.RangeWindow;

import java.util.Locale;

/**
 * {@code double_exponential_smoothing(v, sf, tf)} (Holt's linear method): a smoothed level and
 * trend over the window's samples, the level at the last sample being the result. Historical data
 * weighs less the higher the smoothing factor; trends weigh more the higher the trend factor.
 */
final class ExponentialSmoothing {
    private ExponentialSmoothing() {
    }

    static boolean apply(RangeWindow w, FunctionCall call) {
        double sf = call.scalarArg(1).at(w.step);
        double tf = call.scalarArg(2).at(w.step);
        // Checked for every window with samples, even one too short to smooth, as Prometheus does.
        if (!(sf > 0 && sf < 1)) {
            throw new StrataException(ErrorCode.EXECUTION,
                    "invalid smoothing factor. Expected: 0 < sf < 1, got: " + goFixed6(sf));
        }
        if (!(tf > 0 && tf < 1)) {
            throw new StrataException(ErrorCode.EXECUTION,
                    "invalid trend factor. Expected: 0 < tf < 1, got: " + goFixed6(tf));
        }
        if (w.count() < 2) {
            return false;
        }
        double[] v = w.values;
        int first = w.from;
        double s0 = 0;
        double s1 = v[first];
        double b = v[first + 1] - v[first];
        for (int i = first + 1; i < w.to; i++) {
            double x = sf * v[i];
            // The trend at the previous point; the first trend is the first difference itself.
            if (i - 1 > first) {
                b = tf * (s1 - s0) + (1 - tf) * b;
            }
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        w.result = s1;
        return true;
    }

    /** Go's {@code %f}: six decimals, NaN and ±Inf spelled as Go spells them. */
    static String goFixed6(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
