package io.strata.promql.ast;

/**
 * {@code lhs op rhs}. {@code matching} is non-null exactly when both sides are instant vectors.
 * {@code returnBool} is the {@code bool} modifier of comparisons.
 */
public record BinaryExpr(
        BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool, PositionRange position)
        implements Expr {
    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR
                ? ValueType.SCALAR
                : ValueType.VECTOR;
    }
}
