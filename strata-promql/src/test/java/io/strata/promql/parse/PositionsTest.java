package io.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.VectorSelector;

import org.junit.jupiter.api.Test;

/**
 * Node positions (byte ranges) agree with the trees in Prometheus's parser tests; the engine's
 * warnings print the start of these ranges as line:column.
 */
class PositionsTest {
    private static Expr parse(String q) {
        return PromqlParser.parse(q, ParserOptions.ALL);
    }

    private static PositionRange range(int start, int end) {
        return new PositionRange(start, end);
    }

    @Test
    void nestedSubqueriesAndCalls() {
        SubqueryExpr outer = (SubqueryExpr) parse("min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 4m)[4m:3s]");
        assertThat(outer.position()).isEqualTo(range(0, 61));
        Call minOverTime = (Call) outer.expr();
        assertThat(minOverTime.position()).isEqualTo(range(0, 54));
        SubqueryExpr inner = (SubqueryExpr) minOverTime.args().getFirst();
        assertThat(inner.position()).isEqualTo(range(14, 53));
        Call rate = (Call) inner.expr();
        assertThat(rate.position()).isEqualTo(range(14, 38));
        MatrixSelector m = (MatrixSelector) rate.args().getFirst();
        assertThat(m.position()).isEqualTo(range(19, 37));
        assertThat(m.selector().position()).isEqualTo(range(19, 33));
    }

    @Test
    void modifiersExtendTheSelector() {
        SubqueryExpr s = (SubqueryExpr) parse("some_metric @ 123 offset 1m [10m:5s]");
        assertThat(s.expr().position()).isEqualTo(range(0, 27));
        assertThat(s.position()).isEqualTo(range(0, 36));
        SubqueryExpr after = (SubqueryExpr) parse("some_metric[10m:5s] offset 1m @ 123");
        assertThat(after.expr().position()).isEqualTo(range(0, 11));
        assertThat(after.position()).isEqualTo(range(0, 35));
        MatrixSelector m = (MatrixSelector) parse("test[5y] @ start()");
        assertThat(m.selector().position()).isEqualTo(range(0, 4));
        assertThat(m.position()).isEqualTo(range(0, 18));
    }

    @Test
    void parenthesesAndBinaryOperands() {
        SubqueryExpr s = (SubqueryExpr) parse("(foo + bar{nm=\"val\"} @ 1234)[5m:] @ 1603775019");
        ParenExpr paren = (ParenExpr) s.expr();
        assertThat(paren.position()).isEqualTo(range(0, 28));
        BinaryExpr b = (BinaryExpr) paren.expr();
        assertThat(b.lhs().position()).isEqualTo(range(1, 4));
        assertThat(b.rhs().position()).isEqualTo(range(7, 27));
        assertThat(s.position()).isEqualTo(range(0, 46));
    }

    @Test
    void aggregationEndsAtItsLastParenthesis() {
        SubqueryExpr s = (SubqueryExpr) parse("sum without(and, by, avg, count, alert, annotations)(some_metric) [30m:10s]");
        AggregateExpr a = (AggregateExpr) s.expr();
        assertThat(a.position()).isEqualTo(range(0, 65));
        assertThat(a.expr().position()).isEqualTo(range(53, 64));
        assertThat(s.position()).isEqualTo(range(0, 75));
        // The grammar reads past ")" to look for by/without; the end is still that ")".
        ParenExpr p = (ParenExpr) parse("(sum(foo) )");
        assertThat(p.expr().position()).isEqualTo(range(1, 9));
    }

    @Test
    void unarySignStartsTheNode() {
        assertThat(parse("-some_metric").position()).isEqualTo(range(0, 12));
        assertThat(parse(" +5").position()).isEqualTo(range(1, 3));
        VectorSelector vs = (VectorSelector) ((BinaryExpr) parse("foo * on(a) bar")).rhs();
        assertThat(vs.position()).isEqualTo(range(12, 15));
    }
}
