package io.strata.promql.ast;

/**
 * A subquery {@code expr[range:step] offset o @ t}.
 *
 * @param rangeMs literal range in milliseconds (0 when {@code rangeExpr} is set)
 * @param rangeExpr range as a duration expression, or {@code null}
 * @param stepMs literal step in milliseconds; 0 means "not given": the engine's default applies
 * @param stepExpr step as a duration expression, or {@code null}
 * @param offsetMs literal offset in milliseconds (negative allowed)
 * @param offsetExpr offset as a duration expression, or {@code null}
 */
public record SubqueryExpr(
        Expr expr,
        long rangeMs,
        Expr rangeExpr,
        long stepMs,
        Expr stepExpr,
        long offsetMs,
        Expr offsetExpr,
        AtModifier at,
        PositionRange position) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
