package io.strata.testing.promql;

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
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.VectorMatching;
import io.strata.promql.ast.VectorSelector;
import io.strata.promql.parse.ExprPrinter;
import io.strata.promql.parse.ParserOptions;
import io.strata.promql.parse.PromqlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class AtModifierRewriteTest {
    private static final PositionRange P = PositionRange.NONE;
    private static final long T = 300_000;

    @Test
    void pinsEveryInstantAndRangeSelector() {
        Expr e = binary(selector("a"), call("rate", matrix(selector("b"))));
        BinaryExpr pinned = (BinaryExpr) AtModifierRewrite.rewrite(e, T).orElseThrow();
        assertThat(((VectorSelector) pinned.lhs()).at()).isEqualTo(AtModifier.at(T));
        MatrixSelector m = (MatrixSelector) ((Call) pinned.rhs()).args().getFirst();
        assertThat(m.selector().at()).isEqualTo(AtModifier.at(T));
        assertThat(m.rangeMs()).isEqualTo(300_000);
    }

    @Test
    void keepsAFixedAtButReplacesStartAndEnd() {
        Expr e = binary(selector("a").withAt(AtModifier.at(100_000)), selector("b").withAt(AtModifier.START));
        BinaryExpr pinned = (BinaryExpr) AtModifierRewrite.rewrite(e, T).orElseThrow();
        assertThat(((VectorSelector) pinned.lhs()).at()).isEqualTo(AtModifier.at(100_000));
        assertThat(((VectorSelector) pinned.rhs()).at()).isEqualTo(AtModifier.at(T));
    }

    @Test
    void pinsASubqueryAndLeavesItsBodyAlone() {
        SubqueryExpr sub = subquery(call("rate", matrix(selector("a"))), AtModifier.NONE);
        SubqueryExpr pinned = (SubqueryExpr) AtModifierRewrite.rewrite(sub, T).orElseThrow();
        assertThat(pinned.at()).isEqualTo(AtModifier.at(T));
        assertThat(pinned.expr()).isSameAs(sub.expr());

        SubqueryExpr fixed = subquery(selector("a"), AtModifier.at(5_000));
        assertThat(AtModifierRewrite.rewrite(fixed, T).orElseThrow()).isSameAs(fixed);
    }

    @Test
    void reachesIntoAggregationsParenthesesAndUnaryMinus() {
        Expr e = new AggregateExpr(AggregateOp.TOPK, new UnaryExpr(BinaryOp.SUB, new ParenExpr(selector("a"), P), P),
                new NumberLiteral(2, false, P), List.of("job"), false, P);
        AggregateExpr pinned = (AggregateExpr) AtModifierRewrite.rewrite(e, T).orElseThrow();
        VectorSelector inner = (VectorSelector) ((ParenExpr) ((UnaryExpr) pinned.expr()).expr()).expr();
        assertThat(inner.at()).isEqualTo(AtModifier.at(T));
        assertThat(pinned.grouping()).containsExactly("job");
    }

    @Test
    void skipsExpressionsWithTimeDependentFunctions() {
        assertThat(AtModifierRewrite.rewrite(binary(selector("a"), call("time")), T)).isEmpty();
        assertThat(AtModifierRewrite.rewrite(call("timestamp", selector("a")), T)).isEmpty();
        assertThat(AtModifierRewrite.rewrite(call("predict_linear", matrix(selector("a")), num(1)), T)).isEmpty();
        assertThat(AtModifierRewrite.rewrite(call("hour"), T)).isEmpty();
    }

    @Test
    void timeDependentFunctionsInsideASubqueryDoNotCount() {
        Expr e = call("max_over_time", subquery(call("timestamp", selector("a")), AtModifier.NONE));
        Call pinned = (Call) AtModifierRewrite.rewrite(e, T).orElseThrow();
        assertThat(((SubqueryExpr) pinned.args().getFirst()).at()).isEqualTo(AtModifier.at(T));
    }

    @Test
    void theRePrintedQueryCarriesTheAtModifiers() {
        assertThat(printPinned("rate(foo[5m]) + bar offset 1m")).isEqualTo("rate(foo[5m] @ 300.000) + bar @ 300.000 offset 1m");
        assertThat(printPinned("max_over_time(foo[10m:1m]) > on (job) foo @ 100"))
                .isEqualTo("max_over_time(foo[10m:1m] @ 300.000) > on (job) foo @ 100.000");
        assertThat(printPinned("sum by (a) (foo @ end())")).isEqualTo("sum by (a) (foo @ 300.000)");
        assertThat(AtModifierRewrite.rewrite(PromqlParser.parse("foo - time()", ParserOptions.ALL), T)).isEmpty();
    }

    private static String printPinned(String query) {
        return ExprPrinter.print(AtModifierRewrite.rewrite(PromqlParser.parse(query, ParserOptions.ALL), T).orElseThrow());
    }

    private static VectorSelector selector(String name) {
        return new VectorSelector(name, List.of(Matcher.metricName(name)), 0, null, AtModifier.NONE, false, false, P);
    }

    private static MatrixSelector matrix(VectorSelector v) {
        return new MatrixSelector(v, 300_000, null, P);
    }

    private static SubqueryExpr subquery(Expr body, AtModifier at) {
        return new SubqueryExpr(body, 600_000, null, 60_000, null, 0, null, at, P);
    }

    private static Call call(String name, Expr... args) {
        return new Call(Functions.lookup(name), List.of(args), P);
    }

    private static BinaryExpr binary(Expr lhs, Expr rhs) {
        return new BinaryExpr(BinaryOp.ADD, lhs, rhs, VectorMatching.oneToOne(), false, P);
    }

    private static NumberLiteral num(double v) {
        return new NumberLiteral(v, false, P);
    }
}
