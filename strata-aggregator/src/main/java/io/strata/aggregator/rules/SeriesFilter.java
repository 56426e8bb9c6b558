package io.strata.aggregator.rules;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.promql.parse.PromqlParser;
import java.util.List;
import java.util.Map;

/**
 * Which series a rule applies to: a conjunction of label matchers, written either as a PromQL
 * selector ({@code http_requests_total{env="prod"}}, {@code {__name__=~"http_.*"}}) or in M3's
 * filter syntax ({@code app:nginx* env:prod}, see {@link M3Filters} for the globs). Immutable and
 * thread-safe; matchers are compiled once, when the filter is parsed.
 */
public final class SeriesFilter {
    /** How the text of a filter is written. */
    public enum Syntax {
        /** A PromQL series selector. */
        PROMQL,
        /** M3's space-separated {@code name:glob} pairs. */
        M3
    }

    private final String text;
    private final Syntax syntax;
    private final List<Matcher> matchers;
    private final String unsatisfiable; // null when some series may match

    private SeriesFilter(String text, Syntax syntax, List<Matcher> matchers) {
        this.text = text;
        this.syntax = syntax;
        this.matchers = List.copyOf(matchers);
        this.unsatisfiable = FilterSatisfiability.whyUnsatisfiable(this.matchers);
    }

    /**
     * Reads either syntax. The text is a PromQL selector when it starts with {@code {}, contains a
     * quote, or has no {@code :} at all (a bare metric name); otherwise it is an M3 filter. A bare
     * metric name that contains a colon ({@code job:rate5m}) therefore reads as M3's
     * {@code label:pattern}: write {@code {__name__="job:rate5m"}} or {@code __name__:job:rate5m}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static SeriesFilter parse(String text) {
        String s = text.strip();
        boolean promql = s.startsWith("{") || s.indexOf('"') >= 0 || s.indexOf('\'') >= 0 || s.indexOf('`') >= 0
                || s.indexOf(':') < 0;
        return promql ? parsePromql(text) : parseM3(text);
    }

    /**
     * Reads a PromQL series selector, as the API's {@code match[]} takes it: at least one matcher
     * must not match the empty string.
     *
     * @throws IllegalArgumentException naming the text and the parse error
     */
    public static SeriesFilter parsePromql(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("filter is empty; write a selector like {__name__=~\"http_.*\"}");
        }
        List<Matcher> matchers;
        try {
            matchers = PromqlParser.parseMetricSelector(text);
        } catch (StrataException e) {
            String message = e.getMessage().startsWith("match[] must contain")
                    ? "every matcher also matches the empty string, so it would select every series; "
                            + "add __name__=~\".+\" if that is meant"
                    : e.getMessage();
            throw new IllegalArgumentException("invalid filter \"" + text + "\": " + message, e);
        }
        return new SeriesFilter(text, Syntax.PROMQL, matchers);
    }

    /**
     * Reads M3's filter syntax: {@code app:nginx* env:!dev}.
     *
     * @throws IllegalArgumentException naming the text and the bad pair or pattern
     */
    public static SeriesFilter parseM3(String text) {
        return new SeriesFilter(text, Syntax.M3, M3Filters.parse(text));
    }

    /** The filter as written. */
    public String text() {
        return text;
    }

    public Syntax syntax() {
        return syntax;
    }

    /** All must hold; an absent label is the empty string, as in PromQL. */
    public List<Matcher> matchers() {
        return matchers;
    }

    public boolean matches(Labels series) {
        for (Matcher m : matchers) {
            String value = series.get(m.name());
            if (!m.matches(value == null ? "" : value)) {
                return false;
            }
        }
        return true;
    }

    /** Same as {@link #matches(Labels)} on labels already unpacked into a map, name to value. */
    boolean matches(Map<String, String> series) {
        for (Matcher m : matchers) {
            if (!m.matches(series.getOrDefault(m.name(), ""))) {
                return false;
            }
        }
        return true;
    }

    /**
     * False when no series can match: an equality and another matcher on the same label that
     * exclude each other, {@code __name__} matching only the empty string, a regex that matches no
     * value. Complex regexes are given the benefit of the doubt.
     */
    public boolean canMatchSomething() {
        return unsatisfiable == null;
    }

    /**
     * @return this filter
     * @throws IllegalArgumentException naming the filter and why it can never match
     */
    public SeriesFilter requireCanMatch() {
        if (unsatisfiable != null) {
            throw new IllegalArgumentException("filter \"" + text + "\" can never match: " + unsatisfiable);
        }
        return this;
    }

    /** Filters are equal when written the same way in the same syntax. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesFilter f && f.syntax == syntax && f.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + syntax.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
