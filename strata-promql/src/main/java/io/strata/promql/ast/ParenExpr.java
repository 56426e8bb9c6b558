package io.strata.promql.ast;

/** An expression in parentheses; kept so the printer and annotation positions stay faithful. */
public record ParenExpr(Expr expr, PositionRange position) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
    }
}
