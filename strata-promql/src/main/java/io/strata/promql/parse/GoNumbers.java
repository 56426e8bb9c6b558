package io.strata.promql.parse;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's number parsing and formatting where PromQL exposes it: a number literal is read with
 * {@code strconv.ParseInt(s, 0, 64)} and then {@code strconv.ParseFloat}, so {@code 0x1f}, octal
 * {@code 0755} and {@code 1_000} work and the error texts are Go's; the printer writes numbers
 * with {@code strconv.FormatFloat} ('f' and 'g', shortest), and messages use {@code %f}.
 */
public final class GoNumbers {
    private GoNumbers() {
    }

    /** A number literal Go would reject; the message is Go's {@code *strconv.NumError} text. */
    static final class NumberFormatError extends Exception {
        private static final long serialVersionUID = 1L;

        NumberFormatError(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses a PromQL number literal: integer syntax first (any base), then float syntax. */
    static double parseNumber(String s) throws NumberFormatError {
        Long asInt = parseIntBase0(s);
        if (asInt != null) {
            return asInt;
        }
        return parseFloat(s);
    }

    /**
     * {@code strconv.ParseInt(s, 0, 64)}: optional sign, {@code 0x}/{@code 0o}/{@code 0b} or a
     * leading {@code 0} for octal, underscores between digits. {@code null} when Go would fail
     * (syntax or range); the caller then tries float syntax, as Prometheus does.
     */
    static Long parseIntBase0(String s) {
        int i = 0;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        int base = 10;
        if (s.length() - i >= 2 && s.charAt(i) == '0') {
            char p = Character.toLowerCase(s.charAt(i + 1));
            if (p == 'x') {
                base = 16;
                i += 2;
            } else if (p == 'o') {
                base = 8;
                i += 2;
            } else if (p == 'b') {
                base = 2;
                i += 2;
            } else {
                base = 8;
                i += 1;
            }
        }
        if (!underscoresOk(s)) {
            return null;
        }
        String digits = s.substring(i).replace("_", "");
        if (digits.isEmpty()) {
            return null;
        }
        try {
            long magnitude = Long.parseUnsignedLong(digits, base);
            if (negative) {
                if (Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0) {
                    return null;
                }
                return -magnitude;
            }
            return magnitude < 0 ? null : magnitude;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Go's {@code underscoreOK}: underscores only between digits, or between a base prefix and a
     * digit.
     */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char p = Character.toLowerCase(s.charAt(1));
            if (p == 'b' || p == 'o' || p == 'x') {
                i = 2;
                saw = '0';
                hex = p == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (hex && GoStrings.hexValue(c) >= 0)) {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }

    /**
     * {@code strconv.ParseFloat(s, 64)} for what the PromQL lexer can produce: decimal syntax with
     * optional fraction, exponent and underscores, and {@code Inf}/{@code NaN} in any case.
     */
    static double parseFloat(String s) throws NumberFormatError {
        String body = s;
        boolean negative = false;
        if (!body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
            negative = body.charAt(0) == '-';
            body = body.substring(1);
        }
        String lower = TokenType.asciiLowerCase(body);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (!isDecimalFloatSyntax(body) || !underscoresOk(s)) {
            throw new NumberFormatError("strconv.ParseFloat: parsing " + GoStrings.quote(s) + ": invalid syntax");
        }
        double v = Double.parseDouble(body.replace("_", ""));
        if (Double.isInfinite(v)) {
            throw new NumberFormatError("strconv.ParseFloat: parsing " + GoStrings.quote(s) + ": value out of range");
        }
        return negative ? -v : v;
    }

    /** digits [. digits] [e [+-] digits], with at least one mantissa digit; underscores allowed. */
    private static boolean isDecimalFloatSyntax(String s) {
        int i = 0;
        int mantissaDigits = 0;
        while (i < s.length() && (isAsciiDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            mantissaDigits += s.charAt(i) == '_' ? 0 : 1;
            i++;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            while (i < s.length() && (isAsciiDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                mantissaDigits += s.charAt(i) == '_' ? 0 : 1;
                i++;
            }
        }
        if (mantissaDigits == 0) {
            return false;
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < s.length() && (isAsciiDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                expDigits += s.charAt(i) == '_' ? 0 : 1;
                i++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == s.length();
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent. */
    public static String formatShortestFixed(double v) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return isNegativeZero(v) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * {@code %v} of a float64, which is {@code strconv.FormatFloat(v, 'g', -1, 64)}: shortest
     * digits, with an exponent ({@code 1e+06}, {@code 1e-05}) below 1e-4 and from 1e6 up.
     */
    public static String formatShortestGeneral(double v) {
        return formatGeneral(v, -1);
    }

    /**
     * Go's {@code %g}: with {@code precision > 0} ({@code %.<precision>g}) rounded half to even
     * to that many significant digits and in exponent form from an exponent of
     * {@code precision} up; with {@code precision <= 0} the shortest digits and exponent form
     * from 6 up. Exponent form also below an exponent of -4; trailing zeros are removed.
     */
    public static String formatGeneral(double v, int precision) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        if (v == 0) {
            return isNegativeZero(v) ? "-0" : "0";
        }
        BigDecimal d = precision > 0
                ? new BigDecimal(Math.abs(v)).round(new MathContext(precision, RoundingMode.HALF_EVEN))
                : new BigDecimal(Double.toString(Math.abs(v)));
        d = d.stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exponent < -4 || exponent >= (precision > 0 ? precision : 6)) {
            StringBuilder sb = new StringBuilder(sign).append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                sb.append('0');
            }
            return sb.append(abs).toString();
        }
        return sign + d.toPlainString();
    }

    /** Go's {@code %.Nf}: the exact binary value rounded half to even at {@code decimals}. */
    static String formatFixed(double v, int decimals) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return isNegativeZero(v) || (v < 0 && !s.startsWith("-")) ? "-" + s : s;
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

    private static boolean isNegativeZero(double v) {
        return v == 0 && Double.doubleToRawLongBits(v) != 0;
    }

    /** Go's {@code math.Round}: half away from zero. */
    static double roundHalfAwayFromZero(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double t = x < 0 ? Math.ceil(x) : Math.floor(x);
        return Math.abs(x - t) >= 0.5 ? t + Math.copySign(1.0, x) : t;
    }

    /**
     * Go's conversion of a float64 to int64 for values in range. Out of range (only after an error
     * has been reported) it saturates, where Go's result is unspecified.
     */
    static long toLong(double v) {
        return (long) v;
    }
}
