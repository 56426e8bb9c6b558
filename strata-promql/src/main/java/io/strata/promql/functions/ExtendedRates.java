package io.strata.promql.functions;

import io.strata.promql.engine.ExtendedRanges;
import io.strata.promql.engine.RangeWindow;

/**
 * rate, increase and delta over {@code anchored} and {@code smoothed} ranges (Prometheus's
 * extended range selectors). Instead of extrapolating, the value at each boundary is a real
 * sample (anchored: the newest one at or before the range start, within the lookback delta) or
 * a linear interpolation between the samples around the boundary (smoothed).
 */
final class ExtendedRates {
    private ExtendedRates() {
    }

    static boolean rate(RangeWindow w, boolean counter, boolean perSecond) {
        // A smoothed window whose samples all lie after the range has nothing to interpolate from.
        if (w.extendedTo == w.extendedFrom
                || (w.smoothed && w.timestamps[w.extendedFrom] > w.rangeEndMs)
                || !ExtendedRanges.locateEdges(w, counter)) {
            return false;
        }
        double result = w.rightEdge - w.leftEdge;
        if (counter) {
            // Resets at the edges are already in the edge values; look only strictly inside.
            double prev = w.leftEdge;
            for (int i = w.innerFrom; i < w.innerTo; i++) {
                double x = w.values[i];
                if (x < prev) {
                    result += prev;
                }
                prev = x;
            }
            if (w.rightEdge < prev) {
                result += prev;
            }
        }
        if (perSecond) {
            result /= (w.rangeEndMs - w.rangeStartMs) / 1000.0;
        }
        w.result = result;
        return true;
    }
}
