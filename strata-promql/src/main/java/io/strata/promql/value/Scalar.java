package io.strata.promql.value;

import io.strata.promql.ast.ValueType;

/** A scalar result at {@code timestampMs}. */
public record Scalar(long timestampMs, double value) implements Value {
    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
