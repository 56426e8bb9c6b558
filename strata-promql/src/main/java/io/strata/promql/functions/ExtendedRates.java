package io.strata.promql.functions;

import io.strata.promql.engine.RangeWindow;

import static io.strata.promql.engine.ExtendedRanges.interpolate;
import static io.strata.promql.engine.ExtendedRanges.search;

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
        int base = w.extendedFrom;
        int n = w.extendedTo - base;
        if (n == 0) {
            return false;
        }
        long[] t = w.timestamps;
        double[] v = w.values;
        long rangeStart = w.rangeStartMs;
        long rangeEnd = w.rangeEndMs;
        int lastIndex = n - 1;
        int first = Math.max(0, search(t, base, lastIndex, rangeStart, false) - 1);
        int last = lastIndex;
        if (w.smoothed) {
            last = search(t, base, lastIndex, rangeEnd, true);
        }
        if (t[base + last] <= rangeStart) {
            return false;
        }
        if (w.smoothed && t[base + first] > rangeEnd) {
            return false;
        }
        double left = w.smoothed && t[base + first] < rangeStart
                ? interpolate(t, v, base + first, base + first + 1, rangeStart, counter)
                : v[base + first];
        double right = w.smoothed && last > 0 && t[base + last] > rangeEnd
                ? interpolate(t, v, base + last - 1, base + last, rangeEnd, counter)
                : v[base + last];
        double result = right - left;
        if (counter) {
            // Resets at the boundaries are already in left/right; look only strictly inside.
            if (t[base + first] <= rangeStart) {
                first++;
            }
            if (t[base + last] >= rangeEnd) {
                last--;
            }
            double prev = left;
            for (int i = first; i <= last; i++) {
                double x = v[base + i];
                if (x < prev) {
                    result += prev;
                }
                prev = x;
            }
            if (right < prev) {
                result += prev;
            }
        }
        if (perSecond) {
            result /= (rangeEnd - rangeStart) / 1000.0;
        }
        w.result = result;
        return true;
    }
}
