package io.strata.promql.value;

import io.strata.promql.ast.ValueType;

/** What a query returns: a scalar, a string, an instant vector or a range matrix. */
public sealed interface Value permits Scalar, StringValue, InstantVector, RangeMatrix {
    ValueType type();
}
