package io.strata.promql.functions;

import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.RangeArg;

/** Where annotations about a function's arguments point, as Prometheus chooses it. */
final class ArgPositions {
    private ArgPositions() {
    }

    /**
     * The position of argument {@code i} with its parentheses removed: Prometheus strips them from
     * function arguments before evaluation, so {@code f((x))} points at {@code x}.
     */
    static PositionRange of(FunctionCall call, int i) {
        return unwrap(call.argExpr(i)).position();
    }

    /**
     * The position of a range argument. Prometheus replaces a subquery argument by a synthetic
     * matrix selector that has no position, so its annotations point at the query's start (1:1).
     */
    static PositionRange ofRange(RangeArg range) {
        return range.expr() instanceof MatrixSelector ms ? ms.position() : PositionRange.NONE;
    }

    static Expr unwrap(Expr e) {
        Expr x = e;
        while (x instanceof ParenExpr p) {
            x = p.expr();
        }
        return x;
    }
}
