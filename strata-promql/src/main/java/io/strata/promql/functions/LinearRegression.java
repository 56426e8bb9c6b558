package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.KahanSum;
import io.strata.promql.engine.RangeWindow;

/**
 * {@code deriv} and {@code predict_linear}: a least-squares line through the window's samples,
 * with x in seconds relative to an intercept time (near the samples, to keep the sums small, see
 * Prometheus issue 2674) and every sum Kahan-compensated. A constant series has slope 0, or NaN
 * when the constant is infinite.
 */
final class LinearRegression implements WindowFunction {
    private final boolean predict;
    /** Results of the last {@link #fit}; fields rather than a returned pair so nothing is allocated. */
    private double slope;
    private double intercept;

    private LinearRegression(boolean predict) {
        this.predict = predict;
    }

    /** {@code deriv}: the per-second slope, with x measured from the first sample. */
    static LinearRegression deriv() {
        return new LinearRegression(false);
    }

    /**
     * {@code predict_linear}: the value the line predicts {@code t} seconds (a per-step scalar)
     * after the evaluation time.
     */
    static LinearRegression predictLinear() {
        return new LinearRegression(true);
    }

    @Override
    public boolean apply(RangeWindow w, FunctionCall call) {
        if (w.count() < 2) {
            return false;
        }
        if (predict) {
            fit(w, w.evalTimeMs);
            w.result = slope * call.scalarArg(1).at(w.step) + intercept;
        } else {
            fit(w, w.timestamps[w.from]);
            w.result = slope;
        }
        return true;
    }

    private void fit(RangeWindow w, long interceptTimeMs) {
        double[] v = w.values;
        long[] t = w.timestamps;
        double n = 0;
        double sumX = 0;
        double cX = 0;
        double sumY = 0;
        double cY = 0;
        double sumXY = 0;
        double cXY = 0;
        double sumX2 = 0;
        double cX2 = 0;
        double initY = v[w.from];
        boolean constY = true;
        for (int i = w.from; i < w.to; i++) {
            double y = v[i];
            if (constY && i > w.from && y != initY) {
                constY = false;
            }
            n += 1;
            double x = (t[i] - interceptTimeMs) / 1e3;
            double s = KahanSum.sum(x, sumX);
            cX = KahanSum.compensation(x, sumX, cX);
            sumX = s;
            s = KahanSum.sum(y, sumY);
            cY = KahanSum.compensation(y, sumY, cY);
            sumY = s;
            double xy = x * y;
            s = KahanSum.sum(xy, sumXY);
            cXY = KahanSum.compensation(xy, sumXY, cXY);
            sumXY = s;
            double x2 = x * x;
            s = KahanSum.sum(x2, sumX2);
            cX2 = KahanSum.compensation(x2, sumX2, cX2);
            sumX2 = s;
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                slope = Double.NaN;
                intercept = Double.NaN;
            } else {
                slope = 0;
                intercept = initY;
            }
            return;
        }
        sumX += cX;
        sumY += cY;
        sumXY += cXY;
        sumX2 += cX2;
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        slope = covXY / varX;
        intercept = sumY / n - slope * sumX / n;
    }
}
