package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pathologically deep queries get a clear parse error, never a StackOverflowError. */
class DepthLimitTest {
    @Test
    void deeplyNestedParenthesesAreRefusedWhereTheLimitIsCrossed() {
        String q = "(".repeat(1500) + "1" + ")".repeat(1500);
        assertThatThrownBy(() -> PromqlParser.parse(q, ParserOptions.ALL))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:1001: parse error: query is nested too deeply: more than 1000 levels");
    }

    @Test
    void nestingUpToTheLimitParses() {
        String q = "(".repeat(900) + "1" + ")".repeat(900);
        assertThat(PromqlParser.parse(q, ParserOptions.ALL)).isNotNull();
        String chain = "a" + " + a".repeat(998);
        assertThat(ExprPrinter.print(PromqlParser.parse(chain, ParserOptions.ALL))).isEqualTo(chain);
    }

    @Test
    void longOperatorChainsAreMeasuredAsTrees() {
        // Prometheus's own stress case: a chain of 20 000 operators with 10 000 bad selectors.
        String q = "-{}-1".repeat(10_000);
        assertThatThrownBy(() -> PromqlParser.parse(q, ParserOptions.ALL))
                .isInstanceOf(ParseException.class)
                .hasMessage("1:1: parse error: query is nested too deeply: more than 1000 levels");
        String subqueries = "foo" + "[1m:]".repeat(1200);
        assertThatThrownBy(() -> PromqlParser.parse(subqueries, ParserOptions.ALL))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("nested too deeply");
    }

    @Test
    void deepDurationExpressionsAreRefusedToo() {
        String q = "foo[" + "(".repeat(1100) + "1m" + ")".repeat(1100) + "]";
        assertThatThrownBy(() -> PromqlParser.parse(q, ParserOptions.ALL))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("nested too deeply");
    }
}
