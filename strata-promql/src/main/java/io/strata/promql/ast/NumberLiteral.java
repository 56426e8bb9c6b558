package io.strata.promql.ast;

/**
 * A number. {@code duration} is true when it was written as a duration ({@code 5m} used where a
 * number is expected), so the printer can write it back the same way.
 */
public record NumberLiteral(double value, boolean duration, PositionRange position) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
