package io.strata.testing.promql;

import com.google.re2j.Pattern;

/**
 * An {@code expect <type> [msg:|regex:]} line. With {@code msg:} the text must be equal; with
 * {@code regex:} an RE2 pattern must be found somewhere in it (unanchored); with neither, any
 * text matches.
 *
 * @param message the literal text after {@code msg:}, or {@code null}
 * @param regex the pattern after {@code regex:}, or {@code null}
 */
public record Expectation(Type type, String message, Pattern regex) {
    public enum Type { ORDERED, FAIL, WARN, NO_WARN, INFO, NO_INFO }

    public boolean matches(String text) {
        if (message != null) {
            return message.equals(text);
        }
        return regex == null || regex.matcher(text).find();
    }

    /** How the report shows it: {@code msg: ...}, {@code regex: ...} or {@code any}. */
    public String describe() {
        if (message != null) {
            return "message \"" + message + "\"";
        }
        return regex == null ? "any text" : "pattern \"" + regex.pattern() + "\"";
    }
}
