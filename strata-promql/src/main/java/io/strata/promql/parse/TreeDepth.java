package io.strata.promql.parse;

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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how deep a tree is without recursing, because chains of operators ({@code a + b + c
 * ...}) and of subqueries are built in loops and can be far deeper than the parser's recursion.
 */
final class TreeDepth {
    private TreeDepth() {
    }

    private record Frame(Expr node, int depth) {
    }

    /** The first node found deeper than {@code max} levels, or {@code null} if there is none. */
    static Expr firstBeyond(Expr root, int max) {
        ArrayDeque<Frame> todo = new ArrayDeque<>();
        todo.push(new Frame(root, 1));
        List<Expr> children = new ArrayList<>();
        while (!todo.isEmpty()) {
            Frame f = todo.pop();
            if (f.depth() > max) {
                return f.node();
            }
            children.clear();
            addChildren(f.node(), children);
            // Pushed last to first, so the leftmost path is walked first and the error points
            // at the start of the too-deep part of the query.
            for (int i = children.size() - 1; i >= 0; i--) {
                if (children.get(i) != null) {
                    todo.push(new Frame(children.get(i), f.depth() + 1));
                }
            }
        }
        return null;
    }

    private static void addChildren(Expr e, List<Expr> out) {
        switch (e) {
            case AggregateExpr a -> {
                out.add(a.param());
                out.add(a.expr());
            }
            case BinaryExpr b -> {
                out.add(b.lhs());
                out.add(b.rhs());
            }
            case Call c -> out.addAll(c.args());
            case DurationExpr d -> {
                out.add(d.lhs());
                out.add(d.rhs());
            }
            case MatrixSelector m -> {
                out.add(m.selector());
                out.add(m.rangeExpr());
            }
            case ParenExpr p -> out.add(p.expr());
            case SubqueryExpr s -> {
                out.add(s.expr());
                out.add(s.rangeExpr());
                out.add(s.stepExpr());
                out.add(s.offsetExpr());
            }
            case UnaryExpr u -> out.add(u.expr());
            case VectorSelector vs -> out.add(vs.offsetExpr());
            case NumberLiteral n -> {
            }
            case StringLiteral s -> {
            }
        }
    }
}
