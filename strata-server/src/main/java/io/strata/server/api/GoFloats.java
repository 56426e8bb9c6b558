package io.strata.server.api;

import java.math.BigDecimal;

/**
 * Numbers written the way Prometheus's Go code writes them, so answers match byte for byte:
 *
 * <ul>
 *   <li>{@link #plain}: {@code strconv.FormatFloat(v, 'f', -1, 64)}, the shortest decimal that
 *       reads back as {@code v}, never in exponent form ({@code NaN}, {@code +Inf}, {@code -Inf});
 *   <li>{@link #sampleValue}: Prometheus's {@code jsonutil.MarshalFloat}, the same but in
 *       exponent form ({@code 1e-07}, {@code 1e+21}) below 1e-6 and from 1e21 on;
 *   <li>{@link #jsonNumber}: Go's {@code encoding/json} for a float64 field, exponent form in the
 *       same ranges but with {@code e-7} instead of {@code e-07};
 *   <li>{@link #timestamp}: {@code jsonutil.MarshalTimestamp}, milliseconds as seconds with the
 *       fraction always three digits ({@code 1435781451.780}) and none for whole seconds.
 * </ul>
 *
 * <p>Java's {@link Double#toString} gives the shortest decimal too (JDK 19 and later), except that
 * where one digit would do it may pick the nearest two-digit decimal ({@code 4.9E-324} where Go
 * writes {@code 5e-324}); {@link #shortest} corrects that case.
 */
final class GoFloats {
    /** Integers up to 2^53 are exact doubles and print as themselves, without the slow path. */
    private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0;

    private GoFloats() {}

    /** {@code strconv.FormatFloat(v, 'f', -1, 64)}. */
    static String plain(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (isSmallInteger(v)) {
            return integer(v);
        }
        Decimal d = shortest(v);
        return d.fixed();
    }

    /** Prometheus's sample value: {@link #plain} between 1e-6 and 1e21, exponent form outside. */
    static String sampleValue(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (isSmallInteger(v)) {
            return integer(v);
        }
        Decimal d = shortest(v);
        return usesExponent(v) ? d.exponent(true) : d.fixed();
    }

    /**
     * A float64 field as Go's {@code encoding/json} writes it.
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON cannot hold
     */
    static String jsonNumber(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("BUG: JSON has no number for " + v);
        }
        if (isSmallInteger(v)) {
            return integer(v);
        }
        Decimal d = shortest(v);
        return usesExponent(v) ? d.exponent(false) : d.fixed();
    }

    /** Milliseconds as Prometheus writes sample timestamps: {@code 1435781451.781}, {@code 12}, {@code -0.500}. */
    static String timestamp(long ms) {
        StringBuilder sb = new StringBuilder(24);
        appendTimestamp(sb, ms);
        return sb.toString();
    }

    private static void appendTimestamp(StringBuilder sb, long ms) {
        if (ms == Long.MIN_VALUE) {
            // Negating it overflows (Go prints garbage); no stored time is this small anyway.
            sb.append("-9223372036854775.808");
            return;
        }
        long t = ms;
        if (t < 0) {
            sb.append('-');
            t = -t;
        }
        sb.append(t / 1000);
        long fraction = t % 1000;
        if (fraction != 0) {
            sb.append('.');
            if (fraction < 100) {
                sb.append('0');
            }
            if (fraction < 10) {
                sb.append('0');
            }
            sb.append(fraction);
        }
    }

    /**
     * Writes {@link #timestamp} into {@code buf} (at least {@link #MAX_TIMESTAMP_CHARS} long) and
     * returns the length, for writers that must not allocate per point.
     */
    static int timestampChars(long ms, char[] buf) {
        if (ms == Long.MIN_VALUE) {
            String s = timestamp(ms);
            s.getChars(0, s.length(), buf, 0);
            return s.length();
        }
        int pos = 0;
        long t = ms;
        if (t < 0) {
            buf[pos++] = '-';
            t = -t;
        }
        pos = appendDigits(buf, pos, t / 1000);
        int fraction = (int) (t % 1000);
        if (fraction != 0) {
            buf[pos++] = '.';
            buf[pos++] = (char) ('0' + fraction / 100);
            buf[pos++] = (char) ('0' + fraction / 10 % 10);
            buf[pos++] = (char) ('0' + fraction % 10);
        }
        return pos;
    }

    /**
     * Writes {@link #sampleValue} into {@code buf} (at least {@link #MAX_TIMESTAMP_CHARS} long)
     * when {@code v} is a whole number below 2^53, the common case of counters and gauges, and
     * returns the length; returns -1 for any other value.
     */
    static int sampleValueChars(double v, char[] buf) {
        if (!isSmallInteger(v)) {
            return -1;
        }
        long n = (long) v;
        int pos = 0;
        if (n < 0) {
            buf[pos++] = '-';
            n = -n;
        }
        return appendDigits(buf, pos, n);
    }

    /** Room for any long with sign, a point and three decimals. */
    static final int MAX_TIMESTAMP_CHARS = 24;

    private static int appendDigits(char[] buf, int pos, long nonNegative) {
        int start = pos;
        long n = nonNegative;
        do {
            buf[pos++] = (char) ('0' + n % 10);
            n /= 10;
        } while (n > 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) {
            char c = buf[i];
            buf[i] = buf[j];
            buf[j] = c;
        }
        return pos;
    }

    /** {@code float64(ms) / 1000} through {@code encoding/json}: how scalar and string results write time. */
    static String secondsNumber(long ms) {
        return jsonNumber((double) ms / 1000);
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        return null;
    }

    private static boolean usesExponent(double v) {
        double abs = Math.abs(v);
        return abs != 0 && (abs < 1e-6 || abs >= 1e21);
    }

    private static boolean isSmallInteger(double v) {
        return Math.abs(v) < EXACT_INTEGER_LIMIT && v == Math.rint(v) && !(v == 0 && 1 / v < 0);
    }

    private static String integer(double v) {
        return Long.toString((long) v);
    }

    /** The shortest decimal that reads back as {@code v} (finite), the nearest one among equals. */
    static Decimal shortest(double v) {
        boolean negative = Double.doubleToRawLongBits(v) < 0;
        double abs = Math.abs(v);
        if (abs == 0) {
            return new Decimal(negative, "0", 1);
        }
        // Double.toString writes "123.45" or "1.2345E-7"; take its digits and decimal point.
        String text = Double.toString(abs);
        int e = text.indexOf('E');
        int exponent = e < 0 ? 0 : Integer.parseInt(text, e + 1, text.length(), 10);
        int end = e < 0 ? text.length() : e;
        int dot = text.indexOf('.');
        StringBuilder all = new StringBuilder(end).append(text, 0, dot).append(text, dot + 1, end);
        int first = 0;
        while (first < all.length() - 1 && all.charAt(first) == '0') {
            first++;
        }
        int last = all.length();
        while (last > first + 1 && all.charAt(last - 1) == '0') {
            last--;
        }
        String digits = all.substring(first, last);
        int point = dot + exponent - first;
        if (digits.length() == 2) {
            Decimal oneDigit = oneDigitAlternative(abs, digits, point);
            if (oneDigit != null) {
                return new Decimal(negative, oneDigit.digits, oneDigit.point);
            }
        }
        return new Decimal(negative, digits, point);
    }

    /**
     * A one-digit decimal reading back as {@code abs}, when Java chose two digits ({@code d1 d2}
     * with the point after {@code point} digits) although one suffices; the nearer one if both
     * neighbours qualify.
     */
    private static Decimal oneDigitAlternative(double abs, String digits, int point) {
        int first = digits.charAt(0) - '0';
        Decimal down = new Decimal(false, Integer.toString(first), point);
        Decimal up = first == 9 ? new Decimal(false, "1", point + 1) : new Decimal(false, Integer.toString(first + 1), point);
        boolean downOk = down.value() == abs;
        boolean upOk = up.value() == abs;
        if (downOk && upOk) {
            BigDecimal exact = new BigDecimal(abs);
            int cmp = exact.subtract(down.exact()).abs().compareTo(up.exact().subtract(exact).abs());
            return cmp <= 0 ? down : up;
        }
        return downOk ? down : upOk ? up : null;
    }

    /**
     * A decimal {@code 0.digits × 10^point}: {@code digits} has no trailing zeros (except "0"),
     * {@code point} is how many digits stand before the decimal point (may be negative or exceed
     * the digit count).
     */
    record Decimal(boolean negative, String digits, int point) {
        double value() {
            return Double.parseDouble("0." + digits + "E" + point);
        }

        BigDecimal exact() {
            return new BigDecimal("0." + digits + "E" + point);
        }

        /** {@code 'f'} layout. */
        String fixed() {
            StringBuilder sb = new StringBuilder(digits.length() + Math.abs(point) + 3);
            if (negative) {
                sb.append('-');
            }
            int n = digits.length();
            if (point <= 0) {
                sb.append("0.");
                sb.repeat('0', -point);
                sb.append(digits);
            } else if (point >= n) {
                sb.append(digits);
                sb.repeat('0', point - n);
            } else {
                sb.append(digits, 0, point).append('.').append(digits, point, n);
            }
            return sb.toString();
        }

        /**
         * {@code 'e'} layout: {@code d.ddde±XX}.
         *
         * @param twoDigitExponent {@code strconv} pads the exponent to two digits; {@code encoding/json}
         *     removes that padding from negative exponents
         */
        String exponent(boolean twoDigitExponent) {
            StringBuilder sb = new StringBuilder(digits.length() + 8);
            if (negative) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = point - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            int absExp = Math.abs(exp);
            if (absExp < 10 && (twoDigitExponent || exp >= 0)) {
                sb.append('0');
            }
            sb.append(absExp);
            return sb.toString();
        }
    }
}
