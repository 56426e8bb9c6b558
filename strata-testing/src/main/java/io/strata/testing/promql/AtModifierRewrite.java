package io.strata.testing.promql;

import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.DurationExpr;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.StringLiteral;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The step-invariance check of upstream's runner (FORMAT.md section 10): pin every selector and
 * subquery to the evaluation time with {@code @ T}, so the query must give the same answer
 * evaluated at any other time. A selector or subquery already pinned to a fixed time keeps it;
 * {@code @ start()} and {@code @ end()} are replaced, as upstream replaces them. Nothing inside a
 * subquery changes, because the subquery's own {@code @} fixes everything below it.
 */
final class AtModifierRewrite {
    /** Functions whose result depends on the evaluation time even when their arguments do not. */
    static final Set<String> TIME_DEPENDENT_FUNCTIONS = Set.of(
            "time", "timestamp", "minute", "hour", "day_of_week", "day_of_month", "day_of_year",
            "days_in_month", "month", "year", "predict_linear", "start", "end", "range", "step");

    private AtModifierRewrite() {
    }

    /** {@code expr} pinned to {@code timeMs}, or empty when it calls a time-dependent function outside subqueries. */
    static Optional<Expr> rewrite(Expr expr, long timeMs) {
        if (callsTimeDependentFunction(expr)) {
            return Optional.empty();
        }
        return Optional.of(pin(expr, AtModifier.at(timeMs)));
    }

    private static boolean callsTimeDependentFunction(Expr expr) {
        return switch (expr) {
            case Call c -> TIME_DEPENDENT_FUNCTIONS.contains(c.function().name())
                    || c.args().stream().anyMatch(AtModifierRewrite::callsTimeDependentFunction);
            case AggregateExpr a -> callsTimeDependentFunction(a.expr())
                    || (a.param() != null && callsTimeDependentFunction(a.param()));
            case BinaryExpr b -> callsTimeDependentFunction(b.lhs()) || callsTimeDependentFunction(b.rhs());
            case ParenExpr p -> callsTimeDependentFunction(p.expr());
            case UnaryExpr u -> callsTimeDependentFunction(u.expr());
            // A subquery gets (or has) its own @, which makes its body step invariant.
            case SubqueryExpr s -> false;
            case VectorSelector v -> false;
            case MatrixSelector m -> false;
            case NumberLiteral n -> false;
            case StringLiteral s -> false;
            case DurationExpr d -> false;
        };
    }

    private static Expr pin(Expr expr, AtModifier at) {
        return switch (expr) {
            case VectorSelector v -> pinSelector(v, at);
            case MatrixSelector m -> new MatrixSelector(pinSelector(m.selector(), at), m.rangeMs(), m.rangeExpr(),
                    m.position());
            case SubqueryExpr s -> s.at().kind() == AtModifier.Kind.TIMESTAMP ? s
                    : new SubqueryExpr(s.expr(), s.rangeMs(), s.rangeExpr(), s.stepMs(), s.stepExpr(), s.offsetMs(),
                            s.offsetExpr(), at, s.position());
            case Call c -> new Call(c.function(), pinAll(c.args(), at), c.position());
            case AggregateExpr a -> new AggregateExpr(a.op(), pin(a.expr(), at),
                    a.param() == null ? null : pin(a.param(), at), a.grouping(), a.without(), a.position());
            case BinaryExpr b -> new BinaryExpr(b.op(), pin(b.lhs(), at), pin(b.rhs(), at), b.matching(),
                    b.returnBool(), b.position());
            case ParenExpr p -> new ParenExpr(pin(p.expr(), at), p.position());
            case UnaryExpr u -> new UnaryExpr(u.op(), pin(u.expr(), at), u.position());
            case NumberLiteral n -> n;
            case StringLiteral s -> s;
            case DurationExpr d -> d;
        };
    }

    private static VectorSelector pinSelector(VectorSelector v, AtModifier at) {
        return v.at().kind() == AtModifier.Kind.TIMESTAMP ? v : v.withAt(at);
    }

    private static List<Expr> pinAll(List<Expr> exprs, AtModifier at) {
        List<Expr> out = new ArrayList<>(exprs.size());
        for (Expr e : exprs) {
            out.add(pin(e, at));
        }
        return out;
    }
}
