package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.promql.ast.Expr;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ExprPrinter#print} writes what Prometheus's {@code String()} writes (expectations from
 * Prometheus's printer tests, adapted to {@code min_of}/{@code max_of}, plus cases of our own).
 */
class ExprPrinterTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // aggregations: grouping after the operator, empty by() dropped, without() kept
                Arguments.of("sum by() (task:errors:rate10s{job=\"s\"})", "sum(task:errors:rate10s{job=\"s\"})"),
                Arguments.of("sum by(code) (task:errors:rate10s{job=\"s\"})",
                        "sum by (code) (task:errors:rate10s{job=\"s\"})"),
                Arguments.of("sum without() (task:errors:rate10s{job=\"s\"})",
                        "sum without () (task:errors:rate10s{job=\"s\"})"),
                Arguments.of("sum(foo) without(instance)", "sum without (instance) (foo)"),
                Arguments.of("SUM BY (group) (http_requests{job=\"api-server\"})",
                        "sum by (group) (http_requests{job=\"api-server\"})"),
                Arguments.of("sum by(\"foo.bar\") (x)", "sum by (\"foo.bar\") (x)"),
                Arguments.of("count by(\"ööö\", job) (foo)", "count by (\"ööö\", job) (foo)"),
                Arguments.of("topk(5, task:errors:rate10s{job=\"s\"})", "topk(5, task:errors:rate10s{job=\"s\"})"),
                Arguments.of("count_values(\"value\", x)", "count_values(\"value\", x)"),
                // binary operators and matching
                Arguments.of("a - on() c", "a - on () c"),
                Arguments.of("a - on(b) group_left(x, y) c", "a - on (b) group_left (x, y) c"),
                Arguments.of("a - on(b) group_left c", "a - on (b) group_left () c"),
                Arguments.of("a - ignoring(b) c", "a - ignoring (b) c"),
                Arguments.of("a - ignoring() c", "a - c"),
                Arguments.of("a - ignoring() group_left(__metric__) c", "a - ignoring () group_left (__metric__) c"),
                Arguments.of("foo / on(legacy, \"üüü\") bar", "foo / on (legacy, \"üüü\") bar"),
                Arguments.of("foo and on() bar", "foo and on () bar"),
                Arguments.of("up > bool 0", "up > bool 0"),
                Arguments.of("a + fill(-23) b", "a + fill (-23) b"),
                Arguments.of("a + fill_left(-23) fill_right(42) b", "a + fill_left (-23) fill_right (42) b"),
                Arguments.of("a + fill_right(1e6) b", "a + fill_right (1e+06) b"),
                Arguments.of("a + on(b) group_left fill(-23) c", "a + on (b) group_left () fill (-23) c"),
                Arguments.of("h </ 0.5", "h </ 0.5"),
                Arguments.of("1+2*3^-4", "1 + 2 * 3 ^ -4"),
                Arguments.of("-1^2", "-1 ^ 2"),
                Arguments.of("-foo", "-foo"),
                // selectors, offsets, @
                Arguments.of("a offset 1m", "a offset 1m"),
                Arguments.of("a offset -7m", "a offset -7m"),
                Arguments.of("a OFFSET 1h30m", "a offset 1h30m"),
                Arguments.of("a offset 90m", "a offset 1h30m"),
                Arguments.of("a offset 50", "a offset 50s"),
                Arguments.of("a{c=\"d\"}[5m] offset 1m", "a{c=\"d\"}[5m] offset 1m"),
                Arguments.of("a[1h:5m] offset 1m", "a[1h:5m] offset 1m"),
                Arguments.of("a[10m:]", "a[10m:]"),
                Arguments.of("foo[4.18] @ 2.345", "foo[4s180ms] @ 2.345"),
                Arguments.of("foo[5y] offset 2w", "foo[5y] offset 2w"),
                Arguments.of("foo[10d]", "foo[10d]"),
                Arguments.of("foo[14d]", "foo[2w]"),
                Arguments.of("foo[366d]", "foo[366d]"),
                Arguments.of("a @ 10", "a @ 10.000"),
                Arguments.of("a @ -3.3e1", "a @ -33.000"),
                Arguments.of("a @ 100s", "a @ 100.000"),
                Arguments.of("a[1m] @ start()", "a[1m] @ start()"),
                Arguments.of("a @ end() offset 5m", "a @ end() offset 5m"),
                Arguments.of("a{b=\"c\"}[5m] anchored @ start() offset 1m", "a{b=\"c\"}[5m] anchored @ start() offset 1m"),
                Arguments.of("a smoothed", "a smoothed"),
                Arguments.of("{__name__=\"a\"}", "{__name__=\"a\"}"),
                Arguments.of("{__name__=\"\",a=\"x\"}", "{__name__=\"\",a=\"x\"}"),
                Arguments.of("foo{b=\"2\", a!~\"1\", c=~\"x\"}", "foo{a!~\"1\",b=\"2\",c=~\"x\"}"),
                Arguments.of("{\"a.b\"=\"c\"}", "{\"a.b\"=\"c\"}"),
                Arguments.of("{\"0\"=\"1\"}", "{\"0\"=\"1\"}"),
                Arguments.of("{\"_0\"=\"1\"}", "{_0=\"1\"}"),
                Arguments.of("{``=\"0\"}", "{\"\"=\"0\"}"),
                Arguments.of("{\"some.metric\"}", "{__name__=\"some.metric\"}"),
                // literals
                Arguments.of("1048576", "1048576"),
                Arguments.of("0x1f", "31"),
                Arguments.of("1e3", "1000"),
                Arguments.of(".5", "0.5"),
                Arguments.of("1_000", "1000"),
                Arguments.of("+Inf", "+Inf"),
                Arguments.of("-inf", "-Inf"),
                Arguments.of("nAn", "NaN"),
                Arguments.of("5m", "5m"),
                Arguments.of("-5m", "-5m"),
                Arguments.of("'single \\' quoted'", "\"single ' quoted\""),
                Arguments.of("`raw \\n`", "\"raw \\\\n\""),
                Arguments.of("\"tab\\there\\u00e9\\x01\"", "\"tab\\there\u00e9\\x01\""),
                // duration expressions
                Arguments.of("foo[step()]", "foo[step()]"),
                Arguments.of("foo[-step()]", "foo[-step()]"),
                Arguments.of("foo[(step())]", "foo[(step())]"),
                Arguments.of("foo[-(step())]", "foo[-(step())]"),
                Arguments.of("foo offset -(step())", "foo offset -(step())"),
                Arguments.of("foo offset +(5*2)", "foo offset (5 * 2)"),
                Arguments.of("foo offset -min_of(10s, +max_of(step() ^ 2, 2))",
                        "foo offset -min_of(10s, max_of(step() ^ 2, 2))"),
                Arguments.of("foo[200-min_of(-step()^+step(),1)]", "foo[200 - min_of(-step() ^ step(), 1)]"),
                Arguments.of("foo[5m+1m:step()*2] offset (1h % 25m)", "foo[5m + 1m:step() * 2] offset (1h % 25m)"),
                Arguments.of("foo[max_of(range(), 5s)]", "foo[max_of(range(), 5s)]"),
                Arguments.of("rate(foo[-5m+35m])", "rate(foo[-5m + 35m])"),
                // calls and subqueries
                Arguments.of("predict_linear(foo[1h], 3000)", "predict_linear(foo[1h], 3000)"),
                Arguments.of("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]",
                        "min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]"),
                Arguments.of("(foo + bar{nm=\"val\"} @ 1234)[5m:] @ 1603775019",
                        "(foo + bar{nm=\"val\"} @ 1234.000)[5m:] @ 1603775019.000"),
                Arguments.of("time()", "time()"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsAsPrometheus(String query, String printed) {
        Expr e = PromqlParser.parse(query, ParserOptions.ALL);
        assertThat(ExprPrinter.print(e)).isEqualTo(printed);
    }
}
