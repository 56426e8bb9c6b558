package io.strata.server.api;

/**
 * Prometheus's "value encoding" escaping of label names in URL paths: a name that is not a legacy
 * identifier travels as {@code U__} followed by the name with {@code _} doubled and other
 * characters as {@code _<hex code point>_}, e.g. {@code U__my_2e_label} for {@code my.label}. Names
 * without the prefix, and escapes that do not decode, are taken literally, as Prometheus does.
 */
final class LabelNameEscaping {
    private static final String PREFIX = "U__";

    private LabelNameEscaping() {}

    static String unescape(String name) {
        if (!name.startsWith(PREFIX)) {
            return name;
        }
        String escaped = name.substring(PREFIX.length());
        StringBuilder out = new StringBuilder(escaped.length());
        int i = 0;
        while (i < escaped.length()) {
            char c = escaped.charAt(i);
            if (c != '_') {
                out.append(c);
                i++;
                continue;
            }
            i++;
            if (i >= escaped.length()) {
                return name;
            }
            if (escaped.charAt(i) == '_') {
                out.append('_');
                i++;
                continue;
            }
            int codePoint = 0;
            int digits = 0;
            while (i < escaped.length() && escaped.charAt(i) != '_') {
                int d = Character.digit(escaped.charAt(i), 16);
                if (d < 0 || ++digits > 6) {
                    return name;
                }
                codePoint = codePoint * 16 + d;
                i++;
            }
            if (i >= escaped.length() || digits == 0 || !Character.isValidCodePoint(codePoint)
                    || (codePoint >= 0xD800 && codePoint < 0xE000)) {
                return name;
            }
            out.appendCodePoint(codePoint);
            i++; // the closing underscore
        }
        return out.toString();
    }
}
