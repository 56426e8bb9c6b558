package io.strata.promql.parse;

/**
 * Prometheus duration strings ({@code 1h30m}, {@code 5m}, {@code 250ms}): parsing as
 * {@code model.ParseDuration} does, with its error texts, and formatting as
 * {@code model.Duration.String()} does, which is how the printer writes ranges and offsets.
 */
public final class PromDurations {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    // Units in the order they must appear, largest first; a unit may not repeat.
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_NANOS = {
        365L * 24 * 3600 * NANOS_PER_SECOND,
        7L * 24 * 3600 * NANOS_PER_SECOND,
        24L * 3600 * NANOS_PER_SECOND,
        3600L * NANOS_PER_SECOND,
        60L * NANOS_PER_SECOND,
        NANOS_PER_SECOND,
        NANOS_PER_MILLI,
    };

    private PromDurations() {
    }

    /** The string is not a valid duration; the message is Prometheus's. */
    static final class DurationFormatError extends Exception {
        private static final long serialVersionUID = 1L;

        DurationFormatError(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses a duration to whole milliseconds, for callers outside the parser (configuration).
     *
     * @throws IllegalArgumentException with Prometheus's message when {@code s} is not a duration
     */
    public static long parseMillis(String s) {
        try {
            return parseNanos(s) / NANOS_PER_MILLI;
        } catch (DurationFormatError e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** Parses a duration to nanoseconds. */
    static long parseNanos(String s) throws DurationFormatError {
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw new DurationFormatError("empty duration string");
        }
        String invalid = "not a valid duration string: " + GoStrings.quote(s);
        long total = 0;
        int lastUnit = -1;
        int i = 0;
        while (i < s.length()) {
            int digitsStart = i;
            while (i < s.length() && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == digitsStart) {
                throw new DurationFormatError(invalid);
            }
            long value;
            try {
                value = Long.parseUnsignedLong(s.substring(digitsStart, i));
            } catch (NumberFormatException e) {
                throw new DurationFormatError(invalid);
            }
            int unitStart = i;
            while (i < s.length() && !isDigit(s.charAt(i))) {
                i++;
            }
            if (i == unitStart) {
                throw new DurationFormatError(invalid);
            }
            String unitText = s.substring(unitStart, i);
            int unit = unitIndex(unitText);
            if (unit < 0) {
                throw new DurationFormatError(
                        "unknown unit " + GoStrings.quote(unitText) + " in duration " + GoStrings.quote(s));
            }
            if (unit <= lastUnit) {
                throw new DurationFormatError(invalid);
            }
            lastUnit = unit;
            // Unsigned arithmetic as in Go: the limit is what a time.Duration can hold.
            if (Long.compareUnsigned(value, Long.divideUnsigned(Long.MIN_VALUE, UNIT_NANOS[unit])) > 0) {
                throw new DurationFormatError("duration out of range");
            }
            total += value * UNIT_NANOS[unit];
            if (total < 0) {
                throw new DurationFormatError("duration out of range");
            }
        }
        return total;
    }

    /** Go's {@code time.Duration.Seconds()}: whole seconds plus the fraction, as a float. */
    static double toSeconds(long nanos) {
        long sec = nanos / NANOS_PER_SECOND;
        long rem = nanos % NANOS_PER_SECOND;
        return (double) sec + (double) rem / 1e9;
    }

    /**
     * {@code model.Duration(d).String()} for a duration in milliseconds: years and weeks only when
     * they divide it exactly, then days, hours, minutes, seconds and milliseconds; "0s" for zero
     * and, as in Prometheus, the empty string for a negative duration (callers print the sign).
     */
    public static String format(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long ms = millis;
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        for (int u = 0; u < UNITS.length; u++) {
            long mult = UNIT_NANOS[u] / NANOS_PER_MILLI;
            boolean exactOnly = u < 2;
            if (exactOnly && ms % mult != 0) {
                continue;
            }
            long v = ms / mult;
            if (v > 0) {
                sb.append(v).append(UNITS[u]);
                ms -= v * mult;
            }
        }
        return sb.toString();
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
