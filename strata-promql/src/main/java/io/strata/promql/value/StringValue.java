package io.strata.promql.value;

import io.strata.promql.ast.ValueType;

/** A string result at {@code timestampMs}. */
public record StringValue(long timestampMs, String value) implements Value {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}
