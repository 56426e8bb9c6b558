package io.strata.testing.promql;

import com.google.re2j.Pattern;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The literal rules of Go's {@code strconv} that the test format inherits: a "number" is what
 * {@code ParseInt(s, 0, 64)} or, failing that, {@code ParseFloat(s, 64)} accepts (so {@code 010}
 * is 8, {@code 0x1f} is 31, {@code -Inf} and {@code NaN} are numbers, {@code 1e400} is not), and
 * {@code expect string} values are unquoted as {@code strconv.Unquote} does.
 */
final class GoLiterals {
    private static final Pattern DECIMAL_FLOAT =
            Pattern.compile("^[+-]?(?:[0-9_]+\\.?[0-9_]*|\\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?$");
    private static final Pattern HEX_FLOAT = Pattern.compile(
            "^[+-]?0[xX](?:[0-9a-fA-F_]+\\.?[0-9a-fA-F_]*|\\.[0-9a-fA-F_]+)[pP][+-]?[0-9_]+$");
    private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);

    private GoLiterals() {
    }

    /** The value of {@code text} as the test format's {@code parseNumber}, or empty when it is no number. */
    static OptionalDouble parseNumber(String text) {
        Long asInt = parseInt(text);
        if (asInt != null) {
            return OptionalDouble.of(asInt.doubleValue());
        }
        return parseFloat(text);
    }

    /** {@code strconv.ParseInt(text, 0, 64)}: sign, base prefix or octal leading 0, underscores; null on error. */
    static Long parseInt(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        int radix = 10;
        String digits = s;
        if (s.charAt(0) == '0') {
            char second = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
            if (second == 'b' || second == 'o' || second == 'x') {
                radix = second == 'b' ? 2 : second == 'o' ? 8 : 16;
                digits = s.substring(2);
            } else {
                radix = 8;
                digits = s.substring(1);
            }
        }
        boolean underscores = false;
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c == '_') {
                underscores = true;
                continue;
            }
            if (Character.digit(c, radix) < 0 || c > 0x7f) {
                return null;
            }
            clean.append(c);
        }
        if (underscores && !underscoresAllowed(s)) {
            return null;
        }
        if (clean.isEmpty()) {
            // "0" alone is octal zero; a bare prefix like "0x" never gets here (length check above).
            return radix == 8 && digits.isEmpty() ? 0L : null;
        }
        BigInteger value = new BigInteger(clean.toString(), radix);
        if (negative) {
            value = value.negate();
        }
        if (value.compareTo(MAX_INT64) > 0 || value.compareTo(MIN_INT64) < 0) {
            return null; // ErrRange: the caller falls back to ParseFloat, as the test format does
        }
        return value.longValue();
    }

    /** {@code strconv.ParseFloat(text, 64)}; empty on a syntax error or when the value overflows. */
    static OptionalDouble parseFloat(String text) {
        OptionalDouble special = special(text);
        if (special.isPresent()) {
            return special;
        }
        boolean hex = HEX_FLOAT.matches(text);
        if (!hex && !DECIMAL_FLOAT.matches(text)) {
            return OptionalDouble.empty();
        }
        if (text.indexOf('_') >= 0 && !underscoresAllowed(text)) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(text.replace("_", ""));
        if (Double.isInfinite(value)) {
            return OptionalDouble.empty(); // Go reports ErrRange instead of rounding to infinity
        }
        return OptionalDouble.of(value);
    }

    /** {@code Inf}, {@code +infinity}, {@code NaN} in any letter case; NaN takes no sign. */
    private static OptionalDouble special(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return OptionalDouble.of(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        if (lower.equals("nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        return OptionalDouble.empty();
    }

    /** Go's rule: an underscore only between digits, or between a base prefix and a digit. */
    private static boolean underscoresAllowed(String text) {
        String s = text;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            s = s.substring(1);
        }
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "bBoOxX".indexOf(s.charAt(1)) >= 0) {
            i = 2;
            saw = '0';
            hex = s.charAt(1) == 'x' || s.charAt(1) == 'X';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean digit = (c >= '0' && c <= '9') || (hex && Character.digit(c, 16) >= 0);
            if (digit) {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }

    /**
     * {@code strconv.Unquote}: a double-quoted string with Go escapes, a back-quoted raw string
     * (carriage returns dropped), or a single-quoted single character.
     *
     * @throws IllegalArgumentException naming the problem when {@code text} is not such a literal
     */
    static String unquote(String text) {
        if (text.length() < 2 || text.charAt(0) != text.charAt(text.length() - 1)) {
            throw new IllegalArgumentException("not a quoted string: " + text);
        }
        char quote = text.charAt(0);
        String body = text.substring(1, text.length() - 1);
        if (quote == '`') {
            if (body.indexOf('`') >= 0) {
                throw new IllegalArgumentException("back-quoted string contains a back quote: " + text);
            }
            return body.replace("\r", "");
        }
        if (quote != '"' && quote != '\'') {
            throw new IllegalArgumentException("not a quoted string: " + text);
        }
        String result = unescape(body, quote, text);
        if (quote == '\'' && result.codePointCount(0, result.length()) != 1) {
            throw new IllegalArgumentException("single quotes must hold exactly one character: " + text);
        }
        return result;
    }

    private static String unescape(String body, char quote, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == quote || c == '\n') {
                throw new IllegalArgumentException("unescaped " + (c == '\n' ? "newline" : "quote") + " in " + text);
            }
            if (c != '\\') {
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new IllegalArgumentException("string ends inside an escape: " + text);
            }
            char e = body.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'v' -> out.write(11);
                case '\\' -> out.write('\\');
                case '"', '\'' -> {
                    if (e != quote) {
                        throw new IllegalArgumentException("invalid escape \\" + e + " in " + text);
                    }
                    out.write(e);
                }
                case 'x' -> {
                    out.write(hexValue(body, i, 2, text));
                    i += 2;
                }
                case 'u', 'U' -> {
                    int len = e == 'u' ? 4 : 8;
                    int cp = hexValue(body, i, len, text);
                    if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        throw new IllegalArgumentException("invalid code point \\" + e + body.substring(i, i + len)
                                + " in " + text);
                    }
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    i += len;
                }
                default -> {
                    if (e < '0' || e > '7') {
                        throw new IllegalArgumentException("invalid escape \\" + e + " in " + text);
                    }
                    int value = octalValue(body, i - 1, text);
                    out.write(value);
                    i += 2;
                }
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(String body, int start, int len, String text) {
        if (start + len > body.length()) {
            throw new IllegalArgumentException("short hex escape in " + text);
        }
        int value = 0;
        for (int k = start; k < start + len; k++) {
            int d = Character.digit(body.charAt(k), 16);
            if (d < 0 || body.charAt(k) > 0x7f) {
                throw new IllegalArgumentException("invalid hex escape in " + text);
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static int octalValue(String body, int start, String text) {
        if (start + 3 > body.length()) {
            throw new IllegalArgumentException("short octal escape in " + text);
        }
        int value = 0;
        for (int k = start; k < start + 3; k++) {
            char c = body.charAt(k);
            if (c < '0' || c > '7') {
                throw new IllegalArgumentException("invalid octal escape in " + text);
            }
            value = value * 8 + (c - '0');
        }
        if (value > 255) {
            throw new IllegalArgumentException("octal escape above \\377 in " + text);
        }
        return value;
    }
}
