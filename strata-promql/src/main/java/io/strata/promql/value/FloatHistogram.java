package io.strata.promql.value;

/**
 * A native histogram sample as PromQL sees it (float counts). Buckets are given as spans:
 * {@code positiveSpanOffsets[i]} is the gap before span i (the first one is the absolute index),
 * {@code positiveSpanLengths[i]} its length, and {@code positiveBuckets} the absolute counts of all
 * spans in order; likewise for the negative side. Schema -53 uses {@code customValues} as bucket
 * upper bounds. The value model carries histograms end to end; the storage does not store them yet
 * and the engine does not evaluate them yet (see docs/promql.md).
 */
public record FloatHistogram(
        CounterResetHint counterResetHint,
        int schema,
        double zeroThreshold,
        double zeroCount,
        double count,
        double sum,
        int[] positiveSpanOffsets,
        int[] positiveSpanLengths,
        double[] positiveBuckets,
        int[] negativeSpanOffsets,
        int[] negativeSpanLengths,
        double[] negativeBuckets,
        double[] customValues) {
    public enum CounterResetHint { UNKNOWN, COUNTER_RESET, NOT_COUNTER_RESET, GAUGE }
}
