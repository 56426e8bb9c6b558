package io.strata.aggregator.stream;

/** Receives finished windows: one sample of an output series, stamped as the aggregation says. */
@FunctionalInterface
public interface WindowOutput {
    void emit(OutputSeries series, long timestamp, double value);
}
