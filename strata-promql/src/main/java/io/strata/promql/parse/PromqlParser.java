package io.strata.promql.parse;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.promql.ast.Expr;

import java.util.List;

/**
 * Entry points of the PromQL parser. Thread-safe and stateless.
 * (Being written on branch promql-parser; these are the signatures the engine relies on.)
 */
public final class PromqlParser {
    private PromqlParser() {
    }

    /** Parses and type-checks a whole expression. */
    public static Expr parse(String input, ParserOptions options) {
        throw new UnsupportedOperationException("parser not merged yet");
    }

    /** Parses a series selector ({@code foo{a="b"}}, {@code {__name__=~"x.*"}}) as in {@code match[]}. */
    public static List<Matcher> parseMetricSelector(String input) {
        throw new UnsupportedOperationException("parser not merged yet");
    }

    /** Parses a label set written as a metric ({@code foo{a="b"}}, {@code {a="b"}}), all matchers equality. */
    public static Labels parseMetric(String input) {
        throw new UnsupportedOperationException("parser not merged yet");
    }
}
