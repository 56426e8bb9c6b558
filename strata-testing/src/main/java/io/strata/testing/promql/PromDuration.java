package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;

/**
 * Durations and times of test scripts, in Prometheus's notation ({@code model.ParseDuration}):
 * one or more {@code <integer><unit>} parts with units in the order {@code y w d h m s ms}, or
 * the bare {@code 0}. No sign, no fraction, no space. Script times are offsets from the epoch,
 * so a time and a duration read the same way.
 */
public final class PromDuration {
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3_600_000, 7L * 24 * 3_600_000, 24L * 3_600_000, 3_600_000, 60_000, 1_000, 1};
    /** Prometheus keeps durations in int64 nanoseconds, so anything beyond ~292 years is out of range. */
    private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

    private PromDuration() {
    }

    /** Milliseconds of {@code text}; BAD_DATA naming the text when it is not a duration. */
    public static long parseMillis(String text) {
        if (text.equals("0")) {
            return 0;
        }
        if (text.isEmpty()) {
            throw new StrataException(ErrorCode.BAD_DATA, "empty duration string");
        }
        long total = 0;
        int lastUnit = -1;
        int i = 0;
        while (i < text.length()) {
            int digitsStart = i;
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == digitsStart) {
                throw invalid(text);
            }
            String digits = text.substring(digitsStart, i);
            int unitStart = i;
            while (i < text.length() && !isDigit(text.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw invalid(text);
            }
            String unitText = text.substring(unitStart, i);
            int unit = unitIndex(unitText);
            if (unit < 0) {
                throw new StrataException(ErrorCode.BAD_DATA,
                        "unknown unit \"" + unitText + "\" in duration \"" + text + "\"");
            }
            if (unit <= lastUnit) {
                throw invalid(text);
            }
            lastUnit = unit;
            total = addPart(total, digits, UNIT_MILLIS[unit], text);
        }
        return total;
    }

    /** {@code 90000} as {@code 1m30s}, {@code -300000} as {@code -5m}: the shortest form Prometheus prints. */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long rest = millis;
        if (rest < 0) {
            sb.append('-');
            rest = rest == Long.MIN_VALUE ? Long.MAX_VALUE : -rest;
        }
        for (int u = 0; u < UNITS.length; u++) {
            long count = rest / UNIT_MILLIS[u];
            if (count > 0) {
                sb.append(count).append(UNITS[u]);
                rest -= count * UNIT_MILLIS[u];
            }
        }
        return sb.toString();
    }

    private static long addPart(long total, String digits, long unitMillis, String text) {
        long value;
        try {
            value = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw outOfRange(text);
        }
        if (value > MAX_MILLIS / unitMillis) {
            throw outOfRange(text);
        }
        long sum = total + value * unitMillis;
        if (sum > MAX_MILLIS) {
            throw outOfRange(text);
        }
        return sum;
    }

    private static int unitIndex(String unit) {
        for (int u = 0; u < UNITS.length; u++) {
            if (UNITS[u].equals(unit)) {
                return u;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static StrataException invalid(String text) {
        return new StrataException(ErrorCode.BAD_DATA, "not a valid duration string: \"" + text + "\"");
    }

    private static StrataException outOfRange(String text) {
        return new StrataException(ErrorCode.BAD_DATA, "duration out of range: \"" + text + "\"");
    }
}
