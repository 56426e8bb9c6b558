package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.promql.ast.Expr;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExprPrinter#pretty} follows Prometheus's prettier. The table uses a 10-byte line limit,
 * as Prometheus's own prettier tests do, so that small queries exercise the splitting rules; the
 * expected outputs are Prometheus's.
 */
class ExprPrettierTest {
    static Stream<Arguments> tenByteLimit() {
        return Stream.of(
                Arguments.of("sum(foo)", "sum(foo)"),
                Arguments.of("sum by() (task:errors:rate10s{job=\"s\"})", """
                        sum(
                          task:errors:rate10s{job="s"}
                        )"""),
                Arguments.of("sum(task:errors:rate10s{job=\"s\"}) without(job,foo)", """
                        sum without (job, foo) (
                          task:errors:rate10s{job="s"}
                        )"""),
                Arguments.of("topk(10, ask:errors:rate10s{job=\"s\"})", """
                        topk(
                          10,
                          ask:errors:rate10s{job="s"}
                        )"""),
                Arguments.of("sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job=\"s\"}))", """
                        sum by (job, foo) (
                          sum by (job, foo) (
                            task:errors:rate10s{job="s"}
                          )
                        )"""),
                Arguments.of("a+b", "a + b"),
                Arguments.of("a == bool 1", """
                          a
                        == bool
                          1"""),
                Arguments.of("a + ignoring(job) b", """
                          a
                        + ignoring (job)
                          b"""),
                Arguments.of("foo + baar + foo_3", """
                          foo + baar
                        +
                          foo_3"""),
                Arguments.of("foo_1 + ignoring(foo) foo_2 + ignoring(job) group_left foo_3 + on(instance) group_right foo_4",
                        """
                              foo_1
                            + ignoring (foo)
                              foo_2
                          + ignoring (job) group_left ()
                            foo_3
                        + on (instance) group_right ()
                          foo_4"""),
                Arguments.of("rate(foo[1m])", """
                        rate(
                          foo[1m]
                        )"""),
                Arguments.of("histogram_quantile(0.9, rate(foo[1m]))", """
                        histogram_quantile(
                          0.9,
                          rate(
                            foo[1m]
                          )
                        )"""),
                Arguments.of("max_over_time(rate(demo_api_request_duration_seconds_count[1m])[1m:] @ start() offset 1m)",
                        """
                        max_over_time(
                          rate(
                            demo_api_request_duration_seconds_count[1m]
                          )[1m:] @ start() offset 1m
                        )"""),
                Arguments.of("(foo)", "(foo)"),
                Arguments.of("((_foo_long_))", """
                        (
                          (
                            _foo_long_
                          )
                        )"""),
                Arguments.of("a @ 1", "a @ 1.000"),
                Arguments.of("(foo_long + bar_long + bar_2_long)", """
                        (
                              foo_long
                            +
                              bar_long
                          +
                            bar_2_long
                        )"""),
                Arguments.of("-histogram_quantile(0.9, -rate(foo[1m] @ start()))", """
                        -histogram_quantile(
                          0.9,
                          -rate(
                            foo[1m] @ start()
                          )
                        )"""),
                Arguments.of("rate(foo[-5m+35m])", """
                        rate(
                          foo[-5m + 35m]
                        )"""),
                Arguments.of("(node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0) or "
                        + "(node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)", """
                          (
                                node_timex_offset_seconds
                              >
                                0.05
                            and
                                deriv(
                                  node_timex_offset_seconds[5m]
                                )
                              >=
                                0
                          )
                        or
                          (
                                node_timex_offset_seconds
                              <
                                -0.05
                            and
                                deriv(
                                  node_timex_offset_seconds[5m]
                                )
                              <=
                                0
                          )"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tenByteLimit")
    void splitsAsPrometheusWithTenByteLines(String query, String expected) {
        Expr e = PromqlParser.parse(query, ParserOptions.ALL);
        assertThat(new ExprPrettier(10).pretty(e, 0)).isEqualTo(expected);
    }

    @Test
    void shortQueryStaysOnOneLineAtTheDefaultLimit() {
        Expr e = PromqlParser.parse("sum by (job) (rate(http_requests_total{job=\"api\"}[5m]))", ParserOptions.ALL);
        assertThat(ExprPrinter.pretty(e)).isEqualTo("sum by (job) (rate(http_requests_total{job=\"api\"}[5m]))");
    }

    @Test
    void longQuerySplitsOnlyTheNodesLongerThanOneHundredBytes() {
        String q = "min by (job, integration) (rate(alertmanager_notifications_failed_total{job=\"alertmanager\", "
                + "integration=~\".*\"}[5m]) / rate(alertmanager_notifications_total{job=\"alertmanager\", "
                + "integration=\"~.*\"}[5m])) > 0.01";
        assertThat(ExprPrinter.pretty(PromqlParser.parse(q, ParserOptions.ALL))).isEqualTo("""
                  min by (job, integration) (
                      rate(alertmanager_notifications_failed_total{integration=~".*",job="alertmanager"}[5m])
                    /
                      rate(alertmanager_notifications_total{integration="~.*",job="alertmanager"}[5m])
                  )
                >
                  0.01""");
    }
}
