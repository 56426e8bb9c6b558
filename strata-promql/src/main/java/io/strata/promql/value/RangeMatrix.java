package io.strata.promql.value;

import io.strata.promql.ast.ValueType;

import java.util.List;

/** A range-query result (or an instant query of a range selector), series sorted by labels. */
public record RangeMatrix(List<RangeSeries> series) implements Value {
    public RangeMatrix {
        series = List.copyOf(series);
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }
}
