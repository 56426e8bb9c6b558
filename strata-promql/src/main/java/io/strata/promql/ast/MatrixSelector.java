package io.strata.promql.ast;

/**
 * A range vector selector {@code selector[range]}. Offset, {@code @}, {@code anchored} and
 * {@code smoothed} live on the inner selector (Prometheus prints them after the range).
 *
 * @param rangeMs the range in milliseconds when it was a literal, else 0
 * @param rangeExpr the range as a duration expression, evaluated per query; {@code null} if literal
 * @param position from the selector's start to the closing bracket or last modifier
 */
public record MatrixSelector(VectorSelector selector, long rangeMs, Expr rangeExpr, PositionRange position)
        implements Expr {
    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
