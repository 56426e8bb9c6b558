package io.strata.promql.value;

import io.strata.model.Labels;

/**
 * One series of a matrix result: float points and histogram points, each in ascending time.
 * Arrays are owned by this object and exactly as long as their point counts.
 */
public record RangeSeries(
        Labels labels,
        long[] floatTimestamps,
        double[] floatValues,
        long[] histogramTimestamps,
        FloatHistogram[] histograms) {
    private static final long[] NO_TIMES = new long[0];
    private static final FloatHistogram[] NO_HISTOGRAMS = new FloatHistogram[0];

    public static RangeSeries ofFloats(Labels labels, long[] timestamps, double[] values) {
        return new RangeSeries(labels, timestamps, values, NO_TIMES, NO_HISTOGRAMS);
    }

    public int pointCount() {
        return floatTimestamps.length + histogramTimestamps.length;
    }
}
