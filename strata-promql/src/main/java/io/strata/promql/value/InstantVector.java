package io.strata.promql.value;

import io.strata.promql.ast.ValueType;

import java.util.List;

/** An instant-query vector result, in the order the engine produced it (sort/topk order kept). */
public record InstantVector(List<Sample> samples) implements Value {
    public InstantVector {
        samples = List.copyOf(samples);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
