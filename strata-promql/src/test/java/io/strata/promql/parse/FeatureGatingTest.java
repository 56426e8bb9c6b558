package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Optional syntax is refused unless its feature is on, with Prometheus's messages; with
 * {@link ParserOptions#ALL} the same queries parse.
 */
class FeatureGatingTest {
    private static void refusedByDefault(String query, String message) {
        assertThatThrownBy(() -> PromqlParser.parse(query, ParserOptions.DEFAULT))
                .isInstanceOf(ParseException.class)
                .hasMessage(message);
        assertThat(PromqlParser.parse(query, ParserOptions.ALL)).isNotNull();
    }

    @Test
    void experimentalFunctionNeedsTheFeature() {
        refusedByDefault("mad_over_time(foo[5m])", "1:1: parse error: function \"mad_over_time\" is not enabled");
        refusedByDefault("sum(sort_by_label(foo, \"a\"))", "1:5: parse error: function \"sort_by_label\" is not enabled");
        refusedByDefault("info(up)", "1:1: parse error: function \"info\" is not enabled");
    }

    @Test
    void queryTimeFunctionsAreExperimentalOutsideDurations() {
        refusedByDefault("step()", "1:1: parse error: function \"step\" is not enabled");
        refusedByDefault("min_of(3, 5)", "1:1: parse error: function \"min_of\" is not enabled");
        // Inside a range they are duration expressions, on by default since 3.14.
        assertThat(PromqlParser.parse("foo[step() * 2]", ParserOptions.DEFAULT)).isNotNull();
        assertThat(PromqlParser.parse("foo[min_of(step(), 5m)]", ParserOptions.DEFAULT)).isNotNull();
    }

    @Test
    void limitAggregationsNeedTheFeature() {
        refusedByDefault("limitk(2, foo)", "1:1: parse error: limitk() is experimental and must be enabled with "
                + "--enable-feature=promql-experimental-functions");
        refusedByDefault("limit_ratio(0.5, foo)", "1:1: parse error: limit_ratio() is experimental and must be "
                + "enabled with --enable-feature=promql-experimental-functions");
    }

    @Test
    void extendedRangeSelectorsNeedTheFeature() {
        refusedByDefault("rate(foo[5m] anchored)", "1:6: parse error: anchored modifier is experimental and not enabled");
        refusedByDefault("foo smoothed", "1:1: parse error: smoothed modifier is experimental and not enabled");
    }

    @Test
    void fillModifiersNeedTheFeature() {
        refusedByDefault("a + fill(0) b", "1:1: parse error: binop fill modifiers are experimental and not enabled");
        refusedByDefault("a + on(x) fill_left(1) fill_right(2) b",
                "1:1: parse error: binop fill modifiers are experimental and not enabled");
    }

    @Test
    void durationExpressionsCanBeTurnedOff() {
        ParserOptions off = new ParserOptions(false, false, false, false);
        assertThatThrownBy(() -> PromqlParser.parse("foo[5m+1m]", off))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:5: parse error: experimental duration expression is not enabled");
        assertThatThrownBy(() -> PromqlParser.parse("foo offset step()", off))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:12: parse error: experimental duration expression is not enabled");
        // Plain literals are not duration expressions.
        assertThat(PromqlParser.parse("foo[5m] offset -1h", off)).isNotNull();
    }

    @Test
    void fillIsAMetricNameWhenNoParenthesisFollows() {
        assertThat(ExprPrinter.print(PromqlParser.parse("fill + fill_left", ParserOptions.DEFAULT)))
                .isEqualTo("fill + fill_left");
    }
}
