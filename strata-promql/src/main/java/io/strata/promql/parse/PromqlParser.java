package io.strata.promql.parse;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.VectorSelector;

import java.util.List;

/**
 * Entry points of the PromQL parser: a hand-written lexer and recursive-descent parser that
 * accept what Prometheus 3.14 accepts and reject the rest with Prometheus's messages and byte
 * positions ({@code 1:9: parse error: unexpected <op:*>}). Thread-safe and stateless: every call
 * builds its own state.
 *
 * <p>Errors are {@link ParseException}s ({@link ErrorCode#BAD_DATA}) listing every error in
 * Prometheus's order; the message is the first one.
 */
public final class PromqlParser {
    private PromqlParser() {
    }

    /**
     * Parses and type-checks a whole expression.
     *
     * @throws ParseException when the query does not parse or does not type-check
     */
    public static Expr parse(String input, ParserOptions options) {
        return parse(GoStrings.toUtf8(input), input, options);
    }

    /**
     * Parses a query given as UTF-8 bytes, which may be invalid UTF-8 (Prometheus accepts any
     * bytes and reports bad ones where they matter). Positions are byte offsets into {@code utf8}.
     */
    static Expr parseUtf8(byte[] utf8, ParserOptions options) {
        return parse(utf8, GoStrings.fromUtf8(utf8), options);
    }

    private static Expr parse(byte[] utf8, String input, ParserOptions options) {
        try {
            return parseChecked(utf8, input, options);
        } catch (StackOverflowError e) {
            // Last resort for a caller thread with a small stack: the depth limit normally
            // catches such queries first.
            throw new ParseException(input, List.of(new ParseError(PositionRange.NONE, ParseState.TOO_DEEP)));
        }
    }

    private static Expr parseChecked(byte[] utf8, String input, ParserOptions options) {
        ParseState p = new ParseState(utf8, options);
        Expr expr = null;
        Token first = p.current();
        if (first.is(TokenType.EOF)) {
            p.error(PositionRange.NONE, "no expression found in input");
        } else if (!first.is(TokenType.ERROR)) {
            try {
                expr = new ExpressionParser(p).expression();
                if (!p.atEnd()) {
                    throw p.syntaxError();
                }
            } catch (ParseState.SyntaxAbort abort) {
                p.drain();
            }
        }
        if (!p.hasErrors()) {
            Expr tooDeep = TreeDepth.firstBeyond(expr, ParseState.MAX_DEPTH);
            if (tooDeep != null) {
                p.error(tooDeep.position(), ParseState.TOO_DEEP);
            }
        }
        // Types are checked only when the syntax was clean, as in Prometheus: otherwise the
        // messages would describe a tree the user did not write.
        if (!p.hasErrors()) {
            expr = new TypeChecker(p).check(expr);
        }
        if (p.hasErrors()) {
            throw new ParseException(input, p.errors());
        }
        return expr;
    }

    /**
     * Parses a series selector ({@code foo{a="b"}}, {@code {__name__=~"x.*"}}) as the HTTP API's
     * {@code match[]} parameter does, and, as Prometheus's API then does, rejects one that would
     * select every series.
     *
     * @return the matchers, the one made from a metric name written before the braces last
     * @throws ParseException when it does not parse
     * @throws StrataException with {@link ErrorCode#BAD_DATA} and Prometheus's message
     *     "match[] must contain at least one non-empty matcher" when every matcher matches the
     *     empty string
     */
    public static List<Matcher> parseMetricSelector(String input) {
        ParseState p = new ParseState(GoStrings.toUtf8(input), ParserOptions.DEFAULT);
        VectorSelector vs = null;
        try {
            vs = new SelectorParser(p).vectorSelector();
            if (!p.atEnd()) {
                throw p.syntaxError();
            }
        } catch (ParseState.SyntaxAbort abort) {
            p.drain();
        }
        if (p.hasErrors()) {
            throw new ParseException(input, p.errors());
        }
        for (Matcher m : vs.matchers()) {
            if (!m.matchesEmpty()) {
                return vs.matchers();
            }
        }
        throw new StrataException(ErrorCode.BAD_DATA, "match[] must contain at least one non-empty matcher");
    }

    /**
     * A metric read from the start of a line.
     *
     * @param labels the metric's labels, as {@link #parseMetric} returns them
     * @param end the index in the line (in chars) just after the metric
     */
    public record MetricPrefix(Labels labels, int end) {
    }

    /**
     * Parses the metric at the start of a series line of a test script ({@code foo{a="b c"} 1+1x10},
     * {@code {__name__="x"} _ 2}), reading nothing after it, so the caller can read the values from
     * {@link MetricPrefix#end()} on. Braces belong to the metric only when they follow the name
     * directly: in {@code foo {{schema:0}}} they start a histogram value.
     *
     * @throws ParseException when no metric can be read there
     */
    public static MetricPrefix parseMetricPrefix(String line) {
        byte[] utf8 = GoStrings.toUtf8(line);
        ParseState p = new ParseState(utf8, ParserOptions.DEFAULT);
        Labels labels = Labels.EMPTY;
        try {
            labels = new SelectorParser(p).metricPrefix();
        } catch (ParseState.SyntaxAbort abort) {
            p.drain();
        }
        if (p.hasErrors()) {
            throw new ParseException(line, p.errors());
        }
        return new MetricPrefix(labels, charIndex(line, p.consumedEnd()));
    }

    /** The index in {@code s} of the char at UTF-8 byte offset {@code byteOffset}. */
    private static int charIndex(String s, int byteOffset) {
        int bytes = 0;
        int i = 0;
        while (i < s.length() && bytes < byteOffset) {
            int cp = s.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return i;
    }

    /**
     * Parses a label set written as a metric: {@code foo{a="b"}}, {@code {a="b"}},
     * {@code {__name__="x"}}, {@code {"foo.bar", a="b"}}; a trailing comma is allowed. Only
     * {@code =} may appear. A name before the braces wins over a {@code __name__} inside them, as
     * in Prometheus; a label given twice is an error. Labels with an empty value are dropped, as
     * {@link Labels} has no empty values.
     *
     * @throws ParseException when it does not parse
     */
    public static Labels parseMetric(String input) {
        ParseState p = new ParseState(GoStrings.toUtf8(input), ParserOptions.DEFAULT);
        Labels labels = Labels.EMPTY;
        try {
            labels = new SelectorParser(p).metric();
            if (!p.atEnd()) {
                throw p.syntaxError();
            }
        } catch (ParseState.SyntaxAbort abort) {
            p.drain();
        }
        if (p.hasErrors()) {
            throw new ParseException(input, p.errors());
        }
        return labels;
    }
}
