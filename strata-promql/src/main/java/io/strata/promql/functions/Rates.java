package io.strata.promql.functions;

import io.strata.model.GoQuote;
import io.strata.model.Labels;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.RangeArg;
import io.strata.promql.engine.RangeWindow;

/** rate, increase and delta with Prometheus's extrapolation; irate and idelta from the last two samples. */
final class Rates {
    static final String NOT_A_COUNTER =
            "metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ";

    private Rates() {
    }

    /**
     * The info Prometheus attaches to {@code rate} and {@code increase} of a named series whose
     * name does not look like a counter's. Checked per input series that produced a value.
     */
    static void checkCounterName(Labels labels, FunctionCall call, RangeArg range) {
        String name = labels.metricName();
        if (name == null || name.endsWith("_total") || name.endsWith("_sum") || name.endsWith("_count")
                || name.endsWith("_bucket")) {
            return;
        }
        call.annotations().info(NOT_A_COUNTER + GoQuote.quote(name), ArgPositions.ofRange(range));
    }

    static boolean rate(RangeWindow w, FunctionCall call) {
        return extrapolated(w, true, true);
    }

    static boolean increase(RangeWindow w, FunctionCall call) {
        return extrapolated(w, true, false);
    }

    static boolean delta(RangeWindow w, FunctionCall call) {
        return extrapolated(w, false, false);
    }

    /**
     * The change over the window, extrapolated to the window's edges when the first/last samples
     * are within 110% of the average sample spacing from them (else by half a spacing), and for
     * counters never extrapolated below zero.
     */
    private static boolean extrapolated(RangeWindow w, boolean counter, boolean perSecond) {
        if (w.anchored || w.smoothed) {
            return ExtendedRates.rate(w, counter, perSecond);
        }
        int n = w.count();
        if (n < 2) {
            return false;
        }
        double[] v = w.values;
        long[] t = w.timestamps;
        int first = w.from;
        int last = w.to - 1;
        double result = v[last] - v[first];
        if (counter) {
            double prev = v[first];
            for (int i = first + 1; i <= last; i++) {
                if (v[i] < prev) {
                    result += prev;
                }
                prev = v[i];
            }
        }
        double durationToStart = (t[first] - w.rangeStartMs) / 1000.0;
        double durationToEnd = (w.rangeEndMs - t[last]) / 1000.0;
        double sampledInterval = (t[last] - t[first]) / 1000.0;
        double averageSpacing = sampledInterval / (n - 1);
        double threshold = averageSpacing * 1.1;
        if (durationToStart >= threshold) {
            durationToStart = averageSpacing / 2;
        }
        if (counter) {
            double durationToZero = durationToStart;
            if (result > 0 && v[first] >= 0) {
                durationToZero = sampledInterval * (v[first] / result);
            }
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        if (durationToEnd >= threshold) {
            durationToEnd = averageSpacing / 2;
        }
        double factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        if (perSecond) {
            factor /= (w.rangeEndMs - w.rangeStartMs) / 1000.0;
        }
        w.result = result * factor;
        return true;
    }

    static boolean irate(RangeWindow w, FunctionCall call) {
        return instant(w, true);
    }

    static boolean idelta(RangeWindow w, FunctionCall call) {
        return instant(w, false);
    }

    private static boolean instant(RangeWindow w, boolean isRate) {
        if (w.count() < 2) {
            return false;
        }
        int last = w.to - 1;
        int prev = last - 1;
        double result;
        if (isRate && w.values[last] < w.values[prev]) {
            // A counter reset: the last value is the increase since the reset.
            result = w.values[last];
        } else {
            result = w.values[last] - w.values[prev];
        }
        if (isRate) {
            long sampledInterval = w.timestamps[last] - w.timestamps[prev];
            if (sampledInterval == 0) {
                return false;
            }
            result /= sampledInterval / 1000.0;
        }
        w.result = result;
        return true;
    }
}
