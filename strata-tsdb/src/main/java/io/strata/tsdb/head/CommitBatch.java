package io.strata.tsdb.head;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import java.util.List;

/**
 * What one commit writes to the log, as views over the appender's arrays: the series it
 * references that the log has not seen yet, then its samples, then metadata updates. Valid only
 * during {@link HeadLog#write}; the arrays are reused afterwards.
 */
public final class CommitBatch {
    HeadSeries[] newSeries = new HeadSeries[8];
    int newSeriesCount;
    long[] refs = new long[64];
    long[] timestamps = new long[64];
    double[] values = new double[64];
    int sampleCount;
    List<MetadataUpdate> metadata = List.of();

    /** One {@code updateMetadata} call of the batch. */
    public record MetadataUpdate(String metricFamily, MetricMetadata metadata) {}

    CommitBatch() {}

    public int newSeriesCount() {
        return newSeriesCount;
    }

    public long newSeriesRef(int i) {
        return newSeries[i].ref;
    }

    public Labels newSeriesLabels(int i) {
        return newSeries[i].labels;
    }

    public int sampleCount() {
        return sampleCount;
    }

    /** Series refs of the samples; entries {@code [0, sampleCount)} are valid. */
    public long[] refs() {
        return refs;
    }

    public long[] timestamps() {
        return timestamps;
    }

    public double[] values() {
        return values;
    }

    public List<MetadataUpdate> metadata() {
        return metadata;
    }

    public boolean isEmpty() {
        return sampleCount == 0 && newSeriesCount == 0 && metadata.isEmpty();
    }
}
