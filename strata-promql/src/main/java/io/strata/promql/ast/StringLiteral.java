package io.strata.promql.ast;

/** A string, already unquoted and unescaped. */
public record StringLiteral(String value, PositionRange position) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}
