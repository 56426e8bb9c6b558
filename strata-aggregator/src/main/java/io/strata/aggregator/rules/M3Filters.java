package io.strata.aggregator.rules;

import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads M3's tag filter syntax ({@code app:nginx* env:!prod __name__:http_{requests,errors}_total})
 * into Prometheus matchers. The filter is a space-separated list of {@code name:pattern} pairs, all
 * of which must hold. A pattern is a glob:
 *
 * <ul>
 *   <li>{@code *} any run of characters, {@code ?} one character;
 *   <li>{@code [abc]} one of the characters, {@code [a-z0-9]} one in the ranges, {@code [!abc]} and
 *       {@code [!a-z]} one not among them (as in M3, a class is ranges only when its second
 *       character is {@code -}: {@code [a-z]} or {@code [a-z0-9]}, never {@code [ab-z]});
 *   <li>{@code {a,b}} one of the literal alternatives;
 *   <li>a leading {@code !} negates the whole pattern.
 * </ul>
 *
 * As in M3, a pair only matches series that have the label: {@code env:!prod} does not match a
 * series without {@code env}, so it becomes {@code env!="prod", env=~".+"}. A pattern without
 * wildcards becomes an equality matcher, anything else an RE2 regex.
 *
 * <p>Where this is wider than M3: any number of {@code *} (M3 takes at most two) and a pattern
 * that contains {@code :} (the pair splits at the first colon, so {@code __name__:job:rate5m}
 * works). Where it differs: {@code ?} and classes match one Unicode character (M3 matches one byte
 * and documents ASCII only), and alternatives backtrack ({@code {a,ab}c} matches {@code abc},
 * which M3's first-prefix-wins matcher misses).
 */
final class M3Filters {
    private static final String REGEX_SPECIALS = "\\.+*?()|[]{}^$";
    private static final String CLASS_SPECIALS = "\\[]^-";

    private M3Filters() {}

    /**
     * @throws IllegalArgumentException naming the filter and the offending pair
     */
    static List<Matcher> parse(String text) {
        List<Matcher> matchers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String pair : text.strip().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw invalid(text, "\"" + pair + "\" is not a name:pattern pair");
            }
            String name = pair.substring(0, colon);
            String pattern = pair.substring(colon + 1);
            if (name.isEmpty()) {
                throw invalid(text, "\"" + pair + "\" has an empty label name");
            }
            if (pattern.isEmpty()) {
                throw invalid(text, "\"" + pair + "\" has an empty pattern");
            }
            if (!seen.add(name)) {
                throw invalid(text, "label " + name + " is filtered twice");
            }
            try {
                addPair(name, pattern, matchers);
            } catch (IllegalArgumentException e) {
                throw invalid(text, "pattern \"" + pattern + "\" of label " + name + ": " + e.getMessage());
            }
        }
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("filter \"" + text + "\" is empty; write name:pattern pairs like app:nginx*");
        }
        return matchers;
    }

    private static void addPair(String name, String pattern, List<Matcher> out) {
        boolean negate = pattern.charAt(0) == '!';
        String glob = negate ? pattern.substring(1) : pattern;
        if (glob.isEmpty()) {
            throw new IllegalArgumentException("'!' needs a pattern to negate");
        }
        String regex = toRegex(glob);
        Matcher m;
        if (regex == null) {
            m = negate ? Matcher.notEqual(name, glob) : Matcher.equal(name, glob);
        } else if (regex.equals(".*") && !negate) {
            // "*" alone: any value, but the label must be there (labels are never empty).
            out.add(Matcher.regex(name, ".+"));
            return;
        } else {
            m = negate ? Matcher.notRegex(name, regex) : Matcher.regex(name, regex);
        }
        out.add(m);
        if (m.matchesEmpty()) {
            // The matcher alone would take series without the label; M3's pairs do not.
            out.add(Matcher.regex(name, ".+"));
        }
    }

    /**
     * The RE2 form of a glob, or {@code null} when the glob has no wildcard and is a literal.
     *
     * @throws IllegalArgumentException naming the malformed part
     */
    static String toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        boolean wild = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    re.append(".*");
                    wild = true;
                }
                case '?' -> {
                    re.append('.');
                    wild = true;
                }
                case '[' -> {
                    int end = closing(glob, i, ']');
                    appendClass(glob.substring(i + 1, end), re);
                    i = end;
                    wild = true;
                }
                case '{' -> {
                    int end = closing(glob, i, '}');
                    appendAlternatives(glob.substring(i + 1, end), re);
                    i = end;
                    wild = true;
                }
                default -> appendLiteral(c, re);
            }
        }
        return wild ? re.toString() : null;
    }

    private static int closing(String glob, int open, char close) {
        int end = glob.indexOf(close, open + 1);
        if (end < 0) {
            throw new IllegalArgumentException("'" + glob.charAt(open) + "' at " + open + " is not closed by '" + close + "'");
        }
        if (end == open + 1) {
            throw new IllegalArgumentException("empty " + glob.charAt(open) + close + " at " + open);
        }
        int star = glob.indexOf('*', open);
        if (star >= 0 && star < end) {
            throw new IllegalArgumentException("'*' inside " + glob.substring(open, end + 1));
        }
        return end;
    }

    /** {@code abc}, {@code a-z0-9}, {@code !abc}, {@code !a-z}: M3's single-character classes. */
    private static void appendClass(String body, StringBuilder re) {
        boolean negate = body.charAt(0) == '!';
        String set = negate ? body.substring(1) : body;
        if (set.isEmpty()) {
            throw new IllegalArgumentException("[" + body + "] names no character");
        }
        re.append(negate ? "[^" : "[");
        if (set.length() > 1 && set.charAt(1) == '-') {
            if (set.length() % 3 != 0) {
                throw new IllegalArgumentException("[" + body + "]: ranges are written as lo-hi triples, like [a-z0-9]");
            }
            for (int i = 0; i < set.length(); i += 3) {
                char lo = set.charAt(i);
                char hi = set.charAt(i + 2);
                if (set.charAt(i + 1) != '-' || lo > hi) {
                    throw new IllegalArgumentException("[" + body + "]: \"" + set.substring(i, i + 3) + "\" is not a range lo-hi");
                }
                appendClassChar(lo, re);
                re.append('-');
                appendClassChar(hi, re);
            }
        } else {
            for (int i = 0; i < set.length(); i++) {
                appendClassChar(set.charAt(i), re);
            }
        }
        re.append(']');
    }

    private static void appendAlternatives(String body, StringBuilder re) {
        re.append("(?:");
        String[] alternatives = body.split(",", -1);
        for (int a = 0; a < alternatives.length; a++) {
            if (a > 0) {
                re.append('|');
            }
            String alt = alternatives[a];
            for (int i = 0; i < alt.length(); i++) {
                appendLiteral(alt.charAt(i), re);
            }
        }
        re.append(')');
    }

    private static void appendLiteral(char c, StringBuilder re) {
        if (REGEX_SPECIALS.indexOf(c) >= 0) {
            re.append('\\');
        }
        re.append(c);
    }

    private static void appendClassChar(char c, StringBuilder re) {
        if (CLASS_SPECIALS.indexOf(c) >= 0) {
            re.append('\\');
        }
        re.append(c);
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("invalid filter \"" + text + "\": " + problem);
    }
}
