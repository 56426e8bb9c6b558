package io.strata.ingest.importer;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Numbers of the text exposition formats, read the way Prometheus's Go parsers read them. */
final class TextNumbers {
    private TextNumbers() {}

    /**
     * A sample value as Go's {@code strconv.ParseFloat} reads it: decimal or hex floats, and
     * {@code NaN}, {@code Inf}, {@code +Inf}, {@code -Inf}, {@code Infinity} in any case.
     *
     * @throws NumberFormatException naming the text when it is not a number
     */
    static double parseFloat(String s) {
        String unsigned = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (unsigned.equalsIgnoreCase("inf") || unsigned.equalsIgnoreCase("infinity")) {
            return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        // Java also takes "1d", "1f", " 1" and "Infinity"-like words Go refuses: only digits or a
        // dot may end a Go float.
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        if (!(last >= '0' && last <= '9') && last != '.') {
            throw new NumberFormatException("\"" + s + "\" is not a number");
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("\"" + s + "\" is not a number");
        }
    }

    /**
     * OpenMetrics seconds ({@code 1520879607.789}, {@code 1.5e9}) to milliseconds, exactly:
     * {@code int64(ts * 1000)} in floating point turns some whole milliseconds into the one below.
     * Digits beyond the millisecond are cut off (towards zero), as Prometheus does.
     *
     * @throws NumberFormatException when it is not a finite number or out of range
     */
    static long secondsToMillis(String s) {
        int dot = -1;
        boolean plain = s.chars().anyMatch(Character::isDigit);
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            if (c == '.' && dot < 0) {
                dot = i;
            } else if (!(c >= '0' && c <= '9') && !(i == 0 && (c == '-' || c == '+'))) {
                plain = false;
            }
        }
        try {
            if (plain && (dot < 0 ? s.length() : dot) <= 15) {
                // The common case, without BigDecimal: whole seconds and up to three decimals.
                int end = dot < 0 ? s.length() : dot;
                long seconds = end == 0 || (end == 1 && !Character.isDigit(s.charAt(0))) ? 0 : Long.parseLong(s, 0, end, 10);
                long millis = 0;
                for (int i = 1; i <= 3; i++) {
                    int p = dot < 0 ? -1 : dot + i;
                    millis = millis * 10 + (p >= 0 && p < s.length() ? s.charAt(p) - '0' : 0);
                }
                boolean negative = s.charAt(0) == '-';
                return negative ? seconds * 1000 - millis : seconds * 1000 + millis;
            }
            return new BigDecimal(s).movePointRight(3).setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new NumberFormatException("\"" + s + "\" is not a timestamp in seconds");
        }
    }

    /**
     * The canonical text of a float label value ({@code le}, {@code quantile}) that Prometheus 3
     * stores: Go's shortest {@code %g} form with {@code .0} added to whole numbers, so
     * {@code le="1"} and {@code le="1.0"} are one series. Text that is not a number is kept.
     */
    static String canonicalFloatLabel(String v) {
        double d;
        try {
            d = parseFloat(v);
        } catch (NumberFormatException e) {
            return v;
        }
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        String g = goShortestG(d);
        return g.indexOf('.') < 0 && g.indexOf('e') < 0 ? g + ".0" : g;
    }

    /** Go's {@code strconv.FormatFloat(d, 'g', -1, 64)} for finite {@code d}. */
    static String goShortestG(double d) {
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        // Java's Double.toString gives the shortest digits that round-trip, as Go's -1 precision does.
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - 1 - exact.scale(); // of the first digit
        StringBuilder out = new StringBuilder(d < 0 ? "-" : "");
        if (exponent < -4 || exponent >= 6) { // Go's threshold for the shortest form
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            out.append(abs < 10 ? "0" : "").append(abs);
        } else if (exponent < 0) {
            out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
        } else if (digits.length() <= exponent + 1) {
            out.append(digits).append("0".repeat(exponent + 1 - digits.length()));
        } else {
            out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return out.toString();
    }
}
