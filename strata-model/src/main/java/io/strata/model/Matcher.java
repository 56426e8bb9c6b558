package io.strata.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;
import java.util.Set;

/**
 * A label matcher with Prometheus semantics: {@code name="v"}, {@code !=}, {@code =~} and
 * {@code !~}. Regexes are fully anchored, RE2 syntax, and {@code .} matches a newline (Prometheus
 * 3.x). An absent label matches as the empty string, so {@code foo=""} selects series without
 * {@code foo}, and {@code foo=~".*"} selects all series.
 *
 * <p>Regexes run in linear time (RE2/J). Common shapes skip the regex engine: a literal, an
 * alternation of literals ({@code a|b|c}), {@code prefix.*}, {@code .*suffix}, {@code .*}, and
 * {@code .+}. Instances are immutable and thread-safe.
 */
public final class Matcher {
    private final MatchType type;
    private final String name;
    private final String value;
    private final StringPredicate predicate;

    private Matcher(MatchType type, String name, String value) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.predicate = switch (type) {
            case EQUAL, NOT_EQUAL -> value::equals;
            case REGEX, NOT_REGEX -> compileRegex(value);
        };
    }

    /**
     * Creates a matcher.
     *
     * @throws StrataException with {@link ErrorCode#BAD_DATA} when a regex does not compile
     */
    public static Matcher of(MatchType type, String name, String value) {
        return new Matcher(type, name, value);
    }

    public static Matcher equal(String name, String value) {
        return new Matcher(MatchType.EQUAL, name, value);
    }

    public static Matcher notEqual(String name, String value) {
        return new Matcher(MatchType.NOT_EQUAL, name, value);
    }

    public static Matcher regex(String name, String value) {
        return new Matcher(MatchType.REGEX, name, value);
    }

    public static Matcher notRegex(String name, String value) {
        return new Matcher(MatchType.NOT_REGEX, name, value);
    }

    public static Matcher metricName(String name) {
        return equal(Labels.METRIC_NAME, name);
    }

    public MatchType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** Whether a label value (the empty string for an absent label) satisfies this matcher. */
    public boolean matches(String labelValue) {
        boolean m = predicate.test(labelValue);
        return (type == MatchType.EQUAL || type == MatchType.REGEX) == m;
    }

    /** Whether this matcher matches the empty string, i.e. also series lacking the label. */
    public boolean matchesEmpty() {
        return matches("");
    }

    /**
     * For a positive regex that is a plain alternation of literals, those literals; otherwise
     * {@code null}. Lets an index look values up instead of scanning them.
     */
    public Set<String> setMatches() {
        return predicate instanceof LiteralSet s ? s.values : null;
    }

    /** For a regex of the form {@code prefix.*}, the prefix; otherwise {@code null}. */
    public String literalPrefix() {
        return predicate instanceof Prefix p ? p.prefix : null;
    }

    private static StringPredicate compileRegex(String regex) {
        if (regex.equals(".*")) {
            return v -> true;
        }
        if (regex.equals(".+")) {
            return v -> !v.isEmpty();
        }
        if (isLiteral(regex)) {
            return new LiteralSet(Set.of(regex));
        }
        if (regex.indexOf('|') > 0 && !regex.startsWith("|") && !regex.endsWith("|")) {
            String[] parts = regex.split("\\|", -1);
            boolean allLiteral = true;
            for (String p : parts) {
                allLiteral &= !p.isEmpty() && isLiteral(p);
            }
            if (allLiteral) {
                return new LiteralSet(Set.copyOf(java.util.Arrays.asList(parts)));
            }
        }
        if (regex.endsWith(".*") && isLiteral(regex.substring(0, regex.length() - 2))) {
            return new Prefix(regex.substring(0, regex.length() - 2));
        }
        if (regex.startsWith(".*") && isLiteral(regex.substring(2))) {
            String suffix = regex.substring(2);
            return v -> v.endsWith(suffix);
        }
        try {
            Pattern p = Pattern.compile("^(?s:" + regex + ")$");
            return v -> p.matcher(v).matches();
        } catch (PatternSyntaxException e) {
            throw new StrataException(
                    ErrorCode.BAD_DATA, "invalid regular expression " + quote(regex) + ": " + e.getDescription());
        }
    }

    private static boolean isLiteral(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("\\.+*?()|[]{}^$".indexOf(s.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value as a PromQL string literal. A well-formed U+FFFD is escaped too: PromQL's lexer
     * (Prometheus's and ours) reads it as a bad byte and refuses the string, so written raw the
     * selector would not parse back.
     */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        Labels.escapeLabelValue(s, sb);
        return sb.append('"').toString().replace("\uFFFD", "\\ufffd");
    }

    @FunctionalInterface
    private interface StringPredicate {
        boolean test(String v);
    }

    private record LiteralSet(Set<String> values) implements StringPredicate {
        @Override
        public boolean test(String v) {
            return values.contains(v);
        }
    }

    private record Prefix(String prefix) implements StringPredicate {
        @Override
        public boolean test(String v) {
            return v.startsWith(prefix);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && m.type == type && m.name.equals(name) && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, value);
    }

    /** PromQL form: {@code name="value"}. */
    @Override
    public String toString() {
        return name + type.operator() + quote(value);
    }
}
