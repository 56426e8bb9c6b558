package io.strata.promql.ast;

/** Unary {@code -} or {@code +} applied to a scalar or instant vector. */
public record UnaryExpr(BinaryOp op, Expr expr, PositionRange position) implements Expr {
    public UnaryExpr {
        if (op != BinaryOp.SUB && op != BinaryOp.ADD) {
            throw new IllegalArgumentException("BUG: unary operator must be + or -, got " + op);
        }
    }

    @Override
    public ValueType type() {
        return expr.type();
    }
}
