package io.strata.server.api;

import io.strata.model.Matcher;
import io.strata.promql.ast.AggregateExpr;
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

/** The matchers of every selector in an expression, depth first, as Prometheus's {@code ExtractSelectors}. */
final class ExprSelectors {
    private ExprSelectors() {}

    static List<List<Matcher>> of(Expr expr) {
        List<List<Matcher>> out = new ArrayList<>();
        collect(expr, out);
        return out;
    }

    private static void collect(Expr expr, List<List<Matcher>> out) {
        switch (expr) {
            case null -> { }
            case VectorSelector v -> out.add(v.matchers());
            case MatrixSelector m -> collect(m.selector(), out);
            case AggregateExpr a -> {
                collect(a.expr(), out);
                collect(a.param(), out);
            }
            case BinaryExpr b -> {
                collect(b.lhs(), out);
                collect(b.rhs(), out);
            }
            case Call c -> c.args().forEach(arg -> collect(arg, out));
            case SubqueryExpr s -> collect(s.expr(), out);
            case ParenExpr p -> collect(p.expr(), out);
            case UnaryExpr u -> collect(u.expr(), out);
            case NumberLiteral n -> { }
            case StringLiteral s -> { }
            case DurationExpr d -> { }
        }
    }
}
