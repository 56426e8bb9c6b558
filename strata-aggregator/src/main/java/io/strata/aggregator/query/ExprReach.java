package io.strata.aggregator.query;

import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.List;

/**
 * What a query reads before its evaluation times, and the same query with short ranges widened:
 * the two facts the namespace choice needs from a PromQL expression.
 */
final class ExprReach {
    private ExprReach() {}

    /**
     * How far before an evaluation time {@code expr} reads samples (ms): ranges, offsets, the
     * lookback of instant selectors, and subqueries' ranges added to their inner expression's.
     * Ranges given as duration expressions count as zero (they are evaluated per query).
     */
    static long reach(Expr expr, long lookbackMs) {
        return switch (expr) {
            case VectorSelector v -> lookbackMs + Math.max(0, v.offsetMs());
            case MatrixSelector m -> m.rangeMs() + Math.max(0, m.selector().offsetMs());
            case SubqueryExpr s -> s.rangeMs() + Math.max(0, s.offsetMs()) + reach(s.expr(), lookbackMs);
            case AggregateExpr a -> Math.max(reach(a.expr(), lookbackMs), a.param() == null ? 0 : reach(a.param(), lookbackMs));
            case BinaryExpr b -> Math.max(reach(b.lhs(), lookbackMs), reach(b.rhs(), lookbackMs));
            case UnaryExpr u -> reach(u.expr(), lookbackMs);
            case ParenExpr p -> reach(p.expr(), lookbackMs);
            case Call c -> {
                long max = 0;
                for (Expr arg : c.args()) {
                    max = Math.max(max, reach(arg, lookbackMs));
                }
                yield max;
            }
            default -> 0;
        };
    }

    /**
     * {@code expr} with every literal range selector shorter than {@code minRangeMs} widened to it,
     * so {@code rate(x[1m])} over 5m windows still sees two samples. Returns {@code expr} itself
     * when nothing changes.
     */
    static Expr widen(Expr expr, long minRangeMs) {
        return switch (expr) {
            case MatrixSelector m when m.rangeExpr() == null && m.rangeMs() < minRangeMs ->
                    new MatrixSelector(m.selector(), minRangeMs, null, m.position());
            case SubqueryExpr s -> {
                Expr inner = widen(s.expr(), minRangeMs);
                yield inner == s.expr() ? s : new SubqueryExpr(inner, s.rangeMs(), s.rangeExpr(), s.stepMs(), s.stepExpr(),
                        s.offsetMs(), s.offsetExpr(), s.at(), s.position());
            }
            case AggregateExpr a -> {
                Expr inner = widen(a.expr(), minRangeMs);
                yield inner == a.expr() ? a : new AggregateExpr(a.op(), inner, a.param(), a.grouping(), a.without(), a.position());
            }
            case BinaryExpr b -> {
                Expr l = widen(b.lhs(), minRangeMs);
                Expr r = widen(b.rhs(), minRangeMs);
                yield l == b.lhs() && r == b.rhs() ? b
                        : new BinaryExpr(b.op(), l, r, b.matching(), b.returnBool(), b.position());
            }
            case UnaryExpr u -> {
                Expr inner = widen(u.expr(), minRangeMs);
                yield inner == u.expr() ? u : new UnaryExpr(u.op(), inner, u.position());
            }
            case ParenExpr p -> {
                Expr inner = widen(p.expr(), minRangeMs);
                yield inner == p.expr() ? p : new ParenExpr(inner, p.position());
            }
            case Call c -> {
                List<Expr> args = new ArrayList<>(c.args().size());
                boolean changed = false;
                for (Expr arg : c.args()) {
                    Expr w = widen(arg, minRangeMs);
                    changed |= w != arg;
                    args.add(w);
                }
                yield changed ? new Call(c.function(), args, c.position()) : c;
            }
            default -> expr;
        };
    }
}
