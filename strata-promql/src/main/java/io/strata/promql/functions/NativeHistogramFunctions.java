package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.StepVector;

/**
 * {@code histogram_count}, {@code histogram_sum}, {@code histogram_avg}, {@code histogram_stddev},
 * {@code histogram_stdvar} and {@code start_timestamp}: functions of data Strata does not store
 * yet.
 *
 * <p>The histogram functions read native histogram samples and ignore floats, as in Prometheus.
 * An instant vector in the engine holds floats only (storage has no native histograms), so their
 * result is always empty; {@link HistogramStatistics} holds the per-histogram math for when the
 * engine carries histograms. {@code start_timestamp} reads the start timestamps stored with
 * samples; storage keeps none, so it has nothing to return either (Prometheus also returns
 * nothing when the argument is not a plain selector).
 */
final class NativeHistogramFunctions {
    private NativeHistogramFunctions() {
    }

    /** Nothing: every sample of the argument is a float, which these functions skip. */
    static StepVector ofFloatsOnly(FunctionCall call) {
        return StepVector.empty(call.grid());
    }
}
