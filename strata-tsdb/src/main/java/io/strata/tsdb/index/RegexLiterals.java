package io.strata.tsdb.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    /** Escapes that stand for one character or position and span exactly two characters. */
    private static final String SINGLE_CHAR_ESCAPES = "dDsSwWbBAzntrfv";

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

    /**
     * A literal every string the regex matches must start with ("" when none is known). Found only
     * when the regex is a plain concatenation: no alternation, no flags; a literal followed by a
     * quantifier does not count.
     */
    static String requiredPrefix(String regex) {
        List<Token> tokens = tokenize(regex);
        if (tokens == null) {
            return "";
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.literal == null) {
                break;
            }
            if (i + 1 < tokens.size() && tokens.get(i + 1).quantifier) {
                break;
            }
            prefix.append(t.literal);
        }
        return prefix.toString();
    }

    /** A literal every string the regex matches must end with ("" when none is known); see {@link #requiredPrefix}. */
    static String requiredSuffix(String regex) {
        List<Token> tokens = tokenize(regex);
        if (tokens == null) {
            return "";
        }
        StringBuilder reversed = new StringBuilder();
        for (int i = tokens.size() - 1; i >= 0 && tokens.get(i).literal != null; i--) {
            reversed.append(new StringBuilder(tokens.get(i).literal).reverse());
        }
        return reversed.reverse().toString();
    }

    /** A literal code point, or anything else (quantifiers flagged, since they bind to the token before). */
    private record Token(String literal, boolean quantifier) {}

    /** The regex as tokens, or null when it has an alternation or flags (no required literals then). */
    private static List<Token> tokenize(String regex) {
        List<Token> out = new ArrayList<>();
        Token other = new Token(null, false);
        Token quantifier = new Token(null, true);
        for (int i = 0; i < regex.length(); ) {
            char c = regex.charAt(i);
            if (c == '|' || regex.startsWith("(?", i)) {
                return null;
            }
            if (c == '\\') {
                if (i + 1 >= regex.length()) {
                    return null;
                }
                char next = regex.charAt(i + 1);
                if (isAsciiPunctuation(next)) {
                    out.add(new Token(String.valueOf(next), false));
                } else if (SINGLE_CHAR_ESCAPES.indexOf(next) >= 0) {
                    out.add(other);
                } else {
                    return null; // \p{..}, \x.., octal, \Q..\E: longer than two characters; not worth parsing
                }
                i += 2;
            } else if (c == '[') {
                int end = classEnd(regex, i);
                if (end < 0) {
                    return null;
                }
                out.add(other);
                i = end + 1;
            } else if (c == '*' || c == '+' || c == '?' || c == '{') {
                out.add(quantifier);
                i++;
            } else if (SPECIAL.indexOf(c) >= 0) {
                out.add(other);
                i++;
            } else {
                int cp = regex.codePointAt(i);
                out.add(new Token(new String(Character.toChars(cp)), false));
                i += Character.charCount(cp);
            }
        }
        return out;
    }

    /** Index of the {@code ]} closing the class opened at {@code open}, or -1. */
    private static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a leading ] is a member, not the end
        }
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
                int close = regex.indexOf(":]", i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close + 1;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && !Character.isLetterOrDigit(c) && c > ' ' && c != 127;
    }
}
