package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.promql.ast.Expr;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random inputs built from PromQL's vocabulary: the parser either returns a tree whose printed
 * form is stable, or throws {@link ParseException} with errors inside the input; never anything
 * else (Prometheus's {@code FuzzParseExpr}).
 */
class ParserFuzzTest {
    private static final String[] PIECES = {
        "foo", "bar", "sum", "by", "without", "on", "ignoring", "group_left", "bool", "offset", "@", "start()",
        "rate", "(", ")", "{", "}", "[", "]", ":", ",", "=", "!=", "=~", "\"a\"", "'b'", "`c`", "1", "5m", "0.5",
        "-", "+", "*", "/", "^", "==", "and", "or", "unless", "topk", "step()", "min_of", "anchored", "fill",
        "#c\n", " ", " ", "\t", "le", "1e3", "0x1f", "Inf", "\"\\x\"", "count_values", "</", "atan2", "__name__",
        "group_right", "smoothed", "fill_left", "range()", "max_of", "1h30m", "-1", "limitk", "\"x.y\"", "time()",
        "info", "%", "!~", ">/", "end()", "NaN"};

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(14).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void parsesOrFailsWithAParseError(@ForAll("queries") String query) {
        Expr e;
        try {
            e = PromqlParser.parse(query, ParserOptions.ALL);
        } catch (ParseException ex) {
            int length = GoStrings.toUtf8(query).length;
            // Both ends lie in the query; the end may precede the start, as in Prometheus when
            // an aggregation fails before any closing token (e.g. "a + sum(" gives 4-0).
            assertThat(ex.errors()).isNotEmpty().allSatisfy(err -> {
                assertThat(err.position().start()).isBetween(0, length);
                assertThat(err.position().end()).isBetween(0, length);
            });
            return;
        }
        String printed = ExprPrinter.print(e);
        if (printed.contains("Inf ^")) {
            // Prometheus prints the literal Inf as "+Inf", which reads back as a unary plus over
            // the whole power ("+(Inf ^ x)"); the printer keeps Prometheus's output.
            return;
        }
        assertThat(ExprPrinter.print(PromqlParser.parse(printed, ParserOptions.ALL))).isEqualTo(printed);
    }
}
