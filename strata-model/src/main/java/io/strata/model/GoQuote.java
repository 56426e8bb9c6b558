package io.strata.model;

/** Go's {@code %q} formatting of strings and runes, for error messages that match Prometheus's. */
public final class GoQuote {
    private GoQuote() {}

    /** {@code %q} of a string: double quotes, with backslash escapes. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> appendEscaped(sb, cp, '"'));
        return sb.append('"').toString();
    }

    /** {@code %.Nq}: the first {@code n} characters quoted, and "..." if there were more. */
    public static String quoteTruncated(String s, int n) {
        if (s.codePointCount(0, s.length()) <= n) {
            return quote(s);
        }
        return quote(s.substring(0, s.offsetByCodePoints(0, n))) + "...";
    }

    /** {@code %q} of a rune: single quotes. */
    public static String quoteRune(int cp) {
        StringBuilder sb = new StringBuilder().append('\'');
        appendEscaped(sb, cp, '\'');
        return sb.append('\'').toString();
    }

    /** {@code %#U}: {@code U+007A 'z'}. */
    public static String unicode(int cp) {
        String hex = String.format("U+%04X", cp);
        return Character.isISOControl(cp) ? hex : hex + " '" + new String(Character.toChars(cp)) + "'";
    }

    private static void appendEscaped(StringBuilder sb, int cp, char quote) {
        switch (cp) {
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case 11 -> sb.append("\\v");
            default -> {
                if (cp == quote) {
                    sb.append('\\').append(quote);
                } else if (cp < 0x20 || cp == 0x7f) {
                    sb.append(String.format("\\x%02x", cp));
                } else {
                    sb.appendCodePoint(cp);
                }
            }
        }
    }
}
