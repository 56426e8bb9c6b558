package io.strata.storage;

import java.util.List;

/**
 * What {@code /api/v1/status/tsdb} reports, field for field as Prometheus names them.
 *
 * @param numSeries series in the head
 * @param chunkCount chunks in the head (open and closed)
 * @param minTime oldest sample timestamp in the head (ms), or {@code Long.MAX_VALUE} when empty
 * @param maxTime newest sample timestamp in the head (ms), or {@code Long.MIN_VALUE} when empty
 * @param numLabelPairs distinct label name/value pairs in the head
 * @param seriesCountByMetricName top metric names by series count
 * @param labelValueCountByLabelName top label names by distinct value count
 * @param memoryInBytesByLabelName top label names by bytes of their values
 * @param seriesCountByLabelValuePair top {@code name=value} pairs by series count
 */
public record CardinalityStats(
        long numSeries,
        long chunkCount,
        long minTime,
        long maxTime,
        long numLabelPairs,
        List<Count> seriesCountByMetricName,
        List<Count> labelValueCountByLabelName,
        List<Count> memoryInBytesByLabelName,
        List<Count> seriesCountByLabelValuePair) {

    /** One row of a top-N list. */
    public record Count(String name, long value) {}
}
