package io.strata.tsdb.head;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import java.util.List;

/**
 * What one commit writes to the log, as views over the appender's arrays: the series it
 * references that the log has not seen yet, then its samples, then metadata updates. Valid only
 * during {@link HeadLog#write}; the arrays are reused afterwards (the head pools batches, so a
 * busy ingest path does not allocate them per request).
 */
public final class CommitBatch {
    HeadSeries[] newSeries = new HeadSeries[8];
    int newSeriesCount;
    long[] refs = new long[64];
    long[] timestamps = new long[64];
    double[] values = new double[64];
    int sampleCount;
    List<MetadataUpdate> metadata = List.of();
    /** Series of each sample (appender bookkeeping, not logged). */
    HeadSeries[] sampleSeries = new HeadSeries[64];
    /** Series pinned by the batch, one entry per run of consecutive samples of one series. */
    HeadSeries[] pinned = new HeadSeries[16];
    int pinnedCount;

    /** One {@code updateMetadata} call of the batch. */
    public record MetadataUpdate(String metricFamily, MetricMetadata metadata) {}

    private final HeadSymbols symbols;

    CommitBatch(HeadSymbols symbols) {
        this.symbols = symbols;
    }

    /** Empties the batch for reuse by another appender, dropping its references to series. */
    void reset() {
        java.util.Arrays.fill(newSeries, 0, newSeriesCount, null);
        java.util.Arrays.fill(sampleSeries, 0, sampleCount, null);
        java.util.Arrays.fill(pinned, 0, pinnedCount, null);
        newSeriesCount = 0;
        sampleCount = 0;
        pinnedCount = 0;
        metadata = List.of();
    }

    /** Array capacity, to keep only moderately sized batches in the pool. */
    int capacity() {
        return refs.length;
    }

    public int newSeriesCount() {
        return newSeriesCount;
    }

    public long newSeriesRef(int i) {
        return newSeries[i].ref;
    }

    public Labels newSeriesLabels(int i) {
        return symbols.labels(newSeries[i].symbols);
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
