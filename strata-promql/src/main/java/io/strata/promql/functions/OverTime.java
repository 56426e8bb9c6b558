package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.KahanSum;
import io.strata.promql.engine.RangeWindow;

/**
 * The {@code *_over_time} aggregations of one window, with Prometheus's numerics: Kahan-Neumaier
 * sums, the mean computed directly until the running sum would overflow and incrementally after,
 * a Welford variance with compensated mean and sum, and min/max that only return NaN when every
 * value is NaN. Each is a {@link WindowFunction}; none allocates.
 */
final class OverTime {
    private OverTime() {
    }

    static boolean sum(RangeWindow w, FunctionCall call) {
        double[] v = w.values;
        double sum = 0;
        double c = 0;
        for (int i = w.from; i < w.to; i++) {
            double t = KahanSum.sum(v[i], sum);
            c = KahanSum.compensation(v[i], sum, c);
            sum = t;
        }
        // Once the sum is infinite the compensation means nothing (and may be NaN).
        w.result = Double.isInfinite(sum) ? sum : sum + c;
        return true;
    }

    /**
     * The mean. Summing first and dividing once is usually the most accurate, but the sum can
     * overflow where the mean does not; from the sample that would overflow on, the mean is updated
     * incrementally instead (Prometheus issue 16714 has the measurements behind this choice).
     */
    static boolean avg(RangeWindow w, FunctionCall call) {
        double[] v = w.values;
        double sum = v[w.from];
        double count = 1;
        double mean = 0;
        double c = 0;
        boolean incremental = false;
        for (int i = w.from + 1; i < w.to; i++) {
            count = i - w.from + 1;
            if (!incremental) {
                double newSum = KahanSum.sum(v[i], sum);
                double newC = KahanSum.compensation(v[i], sum, c);
                if (!Double.isInfinite(newSum)) {
                    sum = newSum;
                    c = newC;
                    continue;
                }
                incremental = true;
                mean = sum / (count - 1);
                c /= count - 1;
            }
            double q = (count - 1) / count;
            double inc = v[i] / count;
            double scaledMean = q * mean;
            double scaledC = q * c;
            mean = KahanSum.sum(inc, scaledMean);
            c = KahanSum.compensation(inc, scaledMean, scaledC);
        }
        w.result = incremental ? mean + c : sum / count + c / count;
        return true;
    }

    static boolean count(RangeWindow w, FunctionCall call) {
        w.result = w.count();
        return true;
    }

    static boolean present(RangeWindow w, FunctionCall call) {
        w.result = 1;
        return true;
    }

    static boolean last(RangeWindow w, FunctionCall call) {
        w.result = w.values[w.to - 1];
        return true;
    }

    static boolean first(RangeWindow w, FunctionCall call) {
        w.result = w.values[w.from];
        return true;
    }

    static boolean tsOfLast(RangeWindow w, FunctionCall call) {
        w.result = w.timestamps[w.to - 1] / 1000.0;
        return true;
    }

    static boolean tsOfFirst(RangeWindow w, FunctionCall call) {
        w.result = w.timestamps[w.from] / 1000.0;
        return true;
    }

    /** The largest value; NaNs are skipped unless all values are NaN. */
    /** When the largest value occurred; the last of equal maxima. */
    static boolean tsOfMax(RangeWindow w, FunctionCall call) {
        w.result = w.timestamps[extremum(w, true, true)] / 1000.0;
        return true;
    }

    static boolean tsOfMin(RangeWindow w, FunctionCall call) {
        w.result = w.timestamps[extremum(w, false, true)] / 1000.0;
        return true;
    }

    /**
     * The index of the extreme value in the window. A NaN best is replaced by any later value;
     * with {@code lastOfEqual} a later equal value wins too (what ts_of_min/max report).
     */
    private static int extremum(RangeWindow w, boolean largest, boolean lastOfEqual) {
        double[] v = w.values;
        int best = w.from;
        for (int i = w.from; i < w.to; i++) {
            double cur = v[i];
            double b = v[best];
            boolean better;
            if (largest) {
                better = lastOfEqual ? cur >= b : cur > b;
            } else {
                better = lastOfEqual ? cur <= b : cur < b;
            }
            if (better || Double.isNaN(b)) {
                best = i;
            }
        }
        return best;
    }

    static boolean stdvar(RangeWindow w, FunctionCall call) {
        w.result = variance(w);
        return true;
    }

    static boolean stddev(RangeWindow w, FunctionCall call) {
        w.result = Math.sqrt(variance(w));
        return true;
    }

    /** Population variance by Welford's method, mean and sum of squares both compensated. */
    private static double variance(RangeWindow w) {
        double[] v = w.values;
        double count = 0;
        double mean = 0;
        double cMean = 0;
        double aux = 0;
        double cAux = 0;
        for (int i = w.from; i < w.to; i++) {
            double f = v[i];
            count++;
            double delta = f - (mean + cMean);
            double inc = delta / count;
            double newMean = KahanSum.sum(inc, mean);
            cMean = KahanSum.compensation(inc, mean, cMean);
            mean = newMean;
            double auxInc = delta * (f - (mean + cMean));
            double newAux = KahanSum.sum(auxInc, aux);
            cAux = KahanSum.compensation(auxInc, aux, cAux);
            aux = newAux;
        }
        return (aux + cAux) / count;
    }
}
