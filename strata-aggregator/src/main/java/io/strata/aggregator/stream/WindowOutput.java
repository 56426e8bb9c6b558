package io.strata.aggregator.stream;

import io.strata.model.Labels;

/** Receives finished windows: one sample of an output series, stamped with the window's end. */
@FunctionalInterface
public interface WindowOutput {
    void emit(AggregatedNamespace namespace, Labels series, long windowEnd, double value);
}
