package io.strata.bench.compare;

import java.util.Locale;

/** Number formatting of the report: about three significant digits, thousands separated. */
final class Numbers {
    private Numbers() {}

    /** {@code 1,340,484}, {@code 262}, {@code 13.4}, {@code 1.14}, {@code 0.948}, {@code 0}; "n/a" for NaN. */
    static String value(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String pattern = a >= 1000 ? "%,.0f" : a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }

    /** Median with the min–max range of a spread over several runs: {@code 1.14 (1.10–1.20)}. */
    static String spread(Spread s) {
        if (!s.present()) {
            return "n/a";
        }
        if (s.count() == 1 || s.min() == s.max()) {
            return value(s.median());
        }
        return value(s.median()) + " (" + value(s.min()) + "–" + value(s.max()) + ")";
    }

    /** {@code 0.680x}, {@code 1.21x}, {@code 4.72x}; empty for NaN. */
    static String ratio(double r) {
        return Double.isFinite(r) ? value(r) + "x" : "";
    }
}
