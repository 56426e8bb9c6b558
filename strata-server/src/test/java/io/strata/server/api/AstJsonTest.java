package io.strata.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Matcher;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AggregateOp;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.BinaryOp;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.Functions;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.StringLiteral;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.VectorMatching;
import io.strata.promql.ast.VectorSelector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code parse_query}'s tree in the shape of Prometheus's {@code translateAST}, on hand-built
 * trees, so the shape is checked whatever the parser does.
 */
class AstJsonTest {
    private static final PositionRange P = PositionRange.NONE;

    @Test
    void aggregationOfARateOverAMatrixSelector() {
        // sum by (job) (rate(http_requests_total{code="500"}[5m] offset 1m))
        VectorSelector vs = new VectorSelector("http_requests_total",
                List.of(Matcher.metricName("http_requests_total"), Matcher.equal("code", "500")),
                60_000, null, AtModifier.NONE, false, false, P);
        Expr rate = new Call(Functions.lookup("rate"), List.of(new MatrixSelector(vs, 300_000, null, P)), P);
        Expr sum = new AggregateExpr(AggregateOp.SUM, rate, null, List.of("job"), false, P);
        assertThat(json(sum)).isEqualTo("{\"expr\":{\"args\":[{\"anchored\":false,\"matchers\":["
                + "{\"name\":\"code\",\"type\":\"=\",\"value\":\"500\"},"
                + "{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"http_requests_total\"}],"
                + "\"name\":\"http_requests_total\",\"offset\":60000,\"range\":300000,\"smoothed\":false,"
                + "\"startOrEnd\":null,\"timestamp\":null,\"type\":\"matrixSelector\"}],"
                + "\"func\":{\"argTypes\":[\"matrix\"],\"name\":\"rate\",\"returnType\":\"vector\",\"variadic\":0},"
                + "\"type\":\"call\"},\"grouping\":[\"job\"],\"op\":\"sum\",\"param\":null,\"type\":\"aggregation\","
                + "\"without\":false}");
    }

    @Test
    void binaryExpressionWithVectorMatching() {
        // a / on(job) group_left(x) fill_right(1.5) {__name__=~"b.*"} @ 100.5
        Expr lhs = new VectorSelector("a", List.of(Matcher.metricName("a")), 0, null, AtModifier.NONE, false, false, P);
        Expr rhs = new VectorSelector(null, List.of(Matcher.regex("__name__", "b.*")), 0, null, AtModifier.at(100_500),
                false, false, P);
        VectorMatching matching = new VectorMatching(VectorMatching.Cardinality.MANY_TO_ONE, List.of("job"), true,
                List.of("x"), null, 1.5);
        assertThat(json(new BinaryExpr(BinaryOp.DIV, lhs, rhs, matching, false, P))).isEqualTo("{\"bool\":false,"
                + "\"lhs\":{\"anchored\":false,\"matchers\":[{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"a\"}],"
                + "\"name\":\"a\",\"offset\":0,\"smoothed\":false,\"startOrEnd\":null,\"timestamp\":null,"
                + "\"type\":\"vectorSelector\"},"
                + "\"matching\":{\"card\":\"many-to-one\",\"fillValues\":{\"lhs\":null,\"rhs\":1.5},\"include\":[\"x\"],"
                + "\"labels\":[\"job\"],\"on\":true},\"op\":\"/\","
                + "\"rhs\":{\"anchored\":false,\"matchers\":[{\"name\":\"__name__\",\"type\":\"=~\",\"value\":\"b.*\"}],"
                + "\"name\":\"\",\"offset\":0,\"smoothed\":false,\"startOrEnd\":null,\"timestamp\":100500,"
                + "\"type\":\"vectorSelector\"},\"type\":\"binaryExpr\"}");
    }

    @Test
    void scalarComparisonHasNoMatching() {
        Expr cmp = new BinaryExpr(BinaryOp.GTR, new NumberLiteral(1e-7, false, P), new NumberLiteral(2, false, P),
                null, true, P);
        assertThat(json(cmp)).isEqualTo("{\"bool\":true,\"lhs\":{\"type\":\"numberLiteral\",\"val\":\"0.0000001\"},"
                + "\"matching\":null,\"op\":\"\\u003e\",\"rhs\":{\"type\":\"numberLiteral\",\"val\":\"2\"},\"type\":\"binaryExpr\"}");
    }

    @Test
    void subqueryOfAParenthesisedNegationAtStart() {
        // max_over_time((-x)[10m:1m] @ start())
        Expr x = new VectorSelector("x", List.of(Matcher.metricName("x")), 0, null, AtModifier.NONE, false, false, P);
        Expr sub = new SubqueryExpr(new ParenExpr(new UnaryExpr(BinaryOp.SUB, x, P), P), 600_000, null, 60_000, null,
                -5_000, null, AtModifier.START, P);
        Expr call = new Call(Functions.lookup("max_over_time"), List.of(sub), P);
        assertThat(json(call)).isEqualTo("{\"args\":[{\"expr\":{\"expr\":{\"expr\":{\"anchored\":false,"
                + "\"matchers\":[{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"x\"}],\"name\":\"x\",\"offset\":0,"
                + "\"smoothed\":false,\"startOrEnd\":null,\"timestamp\":null,\"type\":\"vectorSelector\"},\"op\":\"-\","
                + "\"type\":\"unaryExpr\"},\"type\":\"parenExpr\"},\"offset\":-5000,\"range\":600000,"
                + "\"startOrEnd\":\"start\",\"step\":60000,\"timestamp\":null,\"type\":\"subquery\"}],"
                + "\"func\":{\"argTypes\":[\"matrix\"],\"name\":\"max_over_time\",\"returnType\":\"vector\","
                + "\"variadic\":0},\"type\":\"call\"}");
    }

    @Test
    void countValuesWithAStringParameterAndVariadicFunction() {
        Expr up = new VectorSelector("up", List.of(Matcher.metricName("up")), 0, null, AtModifier.NONE, true, false, P);
        Expr cv = new AggregateExpr(AggregateOp.COUNT_VALUES, up, new StringLiteral("a\"<", P), List.of(), true, P);
        assertThat(json(cv)).contains("\"op\":\"count_values\",\"param\":{\"type\":\"stringLiteral\",\"val\":\"a\\\"\\u003c\"}")
                .contains("\"anchored\":true").endsWith("\"type\":\"aggregation\",\"without\":true}");
        Expr join = new Call(Functions.lookup("label_join"), List.of(up, new StringLiteral("d", P)), P);
        assertThat(json(join)).contains("\"func\":{\"argTypes\":[\"vector\",\"string\",\"string\",\"string\"],"
                + "\"name\":\"label_join\",\"returnType\":\"vector\",\"variadic\":-1}");
    }

    private static String json(Expr expr) {
        String body = new String(ApiJson.success(g -> AstJson.write(g, expr)), StandardCharsets.UTF_8);
        String prefix = "{\"status\":\"success\",\"data\":";
        assertThat(body).startsWith(prefix).endsWith("}");
        return body.substring(prefix.length(), body.length() - 1);
    }
}
