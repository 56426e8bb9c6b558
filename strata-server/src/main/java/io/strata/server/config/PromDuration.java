package io.strata.server.config;

import io.strata.promql.parse.PromDurations;
import java.time.Duration;

/**
 * Durations written the way Prometheus writes them: a sequence of number+unit terms from the
 * largest unit down, each unit at most once, e.g. {@code 15d}, {@code 2h}, {@code 1h30m},
 * {@code 500ms}, {@code 0}. Units: {@code y} (365 days), {@code w}, {@code d}, {@code h},
 * {@code m}, {@code s}, {@code ms}.
 */
public final class PromDuration {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600 * 1000, 60 * 1000, 1000, 1
    };

    private PromDuration() {}

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming the value and the accepted form
     */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        long total = 0;
        int lastUnit = -1;
        int i = 0;
        if (text.isEmpty()) {
            throw invalid(text);
        }
        while (i < text.length()) {
            int digitsStart = i;
            while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
                i++;
            }
            if (i == digitsStart) {
                throw invalid(text);
            }
            String digits = text.substring(digitsStart, i);
            int unitStart = i;
            while (i < text.length() && Character.isLetter(text.charAt(i))) {
                i++;
            }
            int unit = unitIndex(text.substring(unitStart, i));
            if (unit < 0 || unit <= lastUnit) {
                throw invalid(text);
            }
            lastUnit = unit;
            try {
                total = Math.addExact(total, Math.multiplyExact(Long.parseLong(digits), UNIT_MILLIS[unit]));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration out of range: \"" + text + "\"");
            }
        }
        return Duration.ofMillis(total);
    }

    /**
     * Formats like Prometheus: {@code 15d}, {@code 1h30m}, {@code 500ms}, and {@code 0s} for zero.
     * Years and weeks are used only when they divide the duration exactly ({@code 2w}, but
     * {@code 90d} rather than {@code 12w6d}), as Prometheus's {@code model.Duration} does.
     */
    public static String format(Duration d) {
        return PromDurations.format(d.toMillis());
    }

    private static int unitIndex(String unit) {
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) {
                return u;
            }
        }
        return -1;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a valid duration: \"" + text
                + "\" (write numbers with units from largest to smallest: y, w, d, h, m, s, ms; e.g. 15d, 1h30m, 500ms)");
    }
}
