package io.strata.promql.parse;

import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;

import java.nio.charset.StandardCharsets;

/**
 * Prometheus's {@code prettier.go}: a node is split over lines only when its one-line form is
 * longer than the limit (in bytes); each node receives its indentation level from its parent and
 * indents two spaces per level. Leaves (selectors, literals, range selectors) never split.
 */
final class ExprPrettier {
    /** Prometheus's {@code maxCharactersPerLine}. */
    static final int MAX_LINE_BYTES = 100;

    private final int maxLineBytes;

    /** @param maxLineBytes the line limit; Prometheus's tests use 10 to exercise the rules */
    ExprPrettier(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    String pretty(Expr e, int level) {
        return switch (e) {
            case AggregateExpr a -> aggregation(a, level);
            case BinaryExpr b -> binary(b, level);
            case Call c -> call(c, level);
            case ParenExpr p -> {
                if (!needsSplit(p)) {
                    yield indent(level) + ExprPrinter.print(p);
                }
                yield indent(level) + "(\n" + pretty(p.expr(), level + 1) + "\n" + indent(level) + ")";
            }
            case SubqueryExpr s -> {
                // As in Prometheus, an unsplit subquery is not indented.
                if (!needsSplit(s)) {
                    yield ExprPrinter.print(s);
                }
                StringBuilder suffix = new StringBuilder();
                ExprPrinter.writeSubquerySuffix(suffix, s);
                yield pretty(s.expr(), level) + suffix;
            }
            case UnaryExpr u -> indent(level) + u.op().text() + pretty(u.expr(), level).strip();
            default -> indent(level) + ExprPrinter.print(e);
        };
    }

    private String aggregation(AggregateExpr a, int level) {
        if (!needsSplit(a)) {
            return indent(level) + ExprPrinter.print(a);
        }
        StringBuilder sb = new StringBuilder(indent(level));
        ExprPrinter.writeAggregationHead(sb, a);
        sb.append("(\n");
        if (a.op().hasParam()) {
            sb.append(pretty(a.param(), level + 1)).append(",\n");
        }
        sb.append(pretty(a.expr(), level + 1)).append('\n').append(indent(level)).append(')');
        return sb.toString();
    }

    private String binary(BinaryExpr b, int level) {
        if (!needsSplit(b)) {
            return indent(level) + ExprPrinter.print(b);
        }
        StringBuilder op = new StringBuilder(b.op().text());
        ExprPrinter.writeBinaryModifiers(op, b);
        return pretty(b.lhs(), level + 1) + "\n" + indent(level) + op + "\n" + pretty(b.rhs(), level + 1);
    }

    private String call(Call c, int level) {
        if (!needsSplit(c) || c.args().isEmpty()) {
            return indent(level) + ExprPrinter.print(c);
        }
        StringBuilder sb = new StringBuilder(indent(level)).append(c.function().name()).append("(\n");
        for (int i = 0; i < c.args().size(); i++) {
            if (i > 0) {
                sb.append(",\n");
            }
            sb.append(pretty(c.args().get(i), level + 1));
        }
        return sb.append('\n').append(indent(level)).append(')').toString();
    }

    private boolean needsSplit(Expr e) {
        return ExprPrinter.print(e).getBytes(StandardCharsets.UTF_8).length > maxLineBytes;
    }

    private static String indent(int level) {
        return "  ".repeat(Math.max(0, level));
    }
}
