package io.strata.promql.value;

import io.strata.model.Labels;

/**
 * One element of an instant vector: a float ({@code histogram == null}) or a native histogram.
 * Result objects like this exist only at the API boundary; the engine works on columns.
 */
public record Sample(Labels labels, long timestampMs, double value, FloatHistogram histogram) {
    public static Sample ofFloat(Labels labels, long timestampMs, double value) {
        return new Sample(labels, timestampMs, value, null);
    }

    public boolean isHistogram() {
        return histogram != null;
    }
}
