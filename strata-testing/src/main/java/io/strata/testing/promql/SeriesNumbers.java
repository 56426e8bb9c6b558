package io.strata.testing.promql;

import com.google.re2j.Pattern;
import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Numbers as the PromQL lexer reads them inside series descriptions and histogram literals:
 * decimal only (no hex, since {@code 0x5} there means "0 repeated 5 times"), {@code Inf} and
 * {@code NaN} in any letter case, and the value computed by Go's {@code ParseInt(s, 0, 64)} then
 * {@code ParseFloat} (so {@code 010} is 8).
 */
final class SeriesNumbers {
    private static final Pattern UNSIGNED = Pattern.compile("^(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?$");

    private SeriesNumbers() {
    }

    /** The value of an unsigned number token, or BAD_DATA naming it. */
    static double unsigned(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        if (!UNSIGNED.matches(token)) {
            throw new StrataException(ErrorCode.BAD_DATA, "bad number \"" + token + "\"");
        }
        OptionalDouble value = GoLiterals.parseNumber(token);
        if (value.isEmpty()) {
            throw new StrataException(ErrorCode.BAD_DATA, "number out of range: \"" + token + "\"");
        }
        return value.getAsDouble();
    }

    /** A number with an optional {@code +} or {@code -} in front. */
    static double signed(String token) {
        if (token.startsWith("-")) {
            return -unsigned(token.substring(1));
        }
        return unsigned(token.startsWith("+") ? token.substring(1) : token);
    }

    /** A repetition count {@code K} of {@code xK}: decimal digits, at most {@code limit}. */
    static int repetitions(String token, int limit) {
        if (token.isEmpty() || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new StrataException(ErrorCode.BAD_DATA, "bad repetition count \"" + token + "\" after x");
        }
        if (token.length() > 9 || Integer.parseInt(token) > limit) {
            throw new StrataException(ErrorCode.BAD_DATA,
                    "repetition count " + token + " is above the runner's limit of " + limit);
        }
        return Integer.parseInt(token);
    }
}
