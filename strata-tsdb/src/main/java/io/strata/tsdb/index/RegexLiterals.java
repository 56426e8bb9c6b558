package io.strata.tsdb.index;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Recognises regexes that are really literals written with escapes, which {@code Matcher}'s own
 * fast paths do not cover: Grafana turns a multi-value variable into
 * {@code 10\.0\.0\.1:9100|10\.0\.0\.2:9100}, and IPs, hostnames and paths are full of dots. Such
 * a selector is then a few dictionary lookups (or a binary search for {@code prefix.*}) instead of
 * a scan of every value through the regex engine.
 *
 * <p>Accepted: characters other than {@code \.+*?()[]{}^$|}, and a backslash followed by ASCII
 * punctuation (RE2 reads that as the punctuation itself). Anything else (classes, groups, flags,
 * {@code \d}, quantifiers) is not a literal and returns {@code null}. Matching is anchored, so an
 * alternation of literals matches exactly those strings.
 */
final class RegexLiterals {
    private static final String SPECIAL = "\\.+*?()[]{}^$|";

    private RegexLiterals() {}

    /** The strings {@code regex} matches when it is an alternation of (escaped) literals, else null. */
    static Set<String> alternation(String regex) {
        Set<String> out = new LinkedHashSet<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '|') {
                out.add(current.toString());
                current.setLength(0);
            } else if (c == '\\') {
                if (i + 1 >= regex.length() || !isAsciiPunctuation(regex.charAt(i + 1))) {
                    return null;
                }
                current.append(regex.charAt(++i));
            } else if (SPECIAL.indexOf(c) >= 0) {
                return null;
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }

    /** For {@code literal.*} with an (escaped) literal, that literal; otherwise null. */
    static String prefix(String regex) {
        if (!regex.endsWith(".*") || regex.endsWith("\\.*")) {
            return null;
        }
        Set<String> literal = alternation(regex.substring(0, regex.length() - 2));
        return literal != null && literal.size() == 1 ? literal.iterator().next() : null;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && !Character.isLetterOrDigit(c) && c > ' ' && c != 127;
    }
}
