package io.strata.tsdb.wal;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;

/**
 * Receives decoded WAL records during {@link Wal#replay} (or from {@link WalRecordDecoder}).
 *
 * <p>Ownership: the arrays are the decoder's and are overwritten by the next record; only the
 * first {@code count} entries are meaningful. Copy what you keep. {@link Labels} objects and
 * strings are freshly made and may be kept. Methods run on the replaying thread, one at a time,
 * in log order.
 */
public interface WalRecordVisitor {
    /** Series created in the head: {@code refs[i]} names {@code labels[i]}. */
    void series(long[] refs, Labels[] labels, int count);

    /** Float samples: series {@code refs[i]} had {@code values[i]} at {@code timestamps[i]}. */
    void samples(long[] refs, long[] timestamps, double[] values, int count);

    /** Deletions: series {@code refs[i]} lost its samples in {@code [minTimes[i], maxTimes[i]]}. */
    void tombstones(long[] refs, long[] minTimes, long[] maxTimes, int count);

    /** Type, help and unit of a metric family (called once per entry of a metadata record). */
    void metadata(String metricFamily, MetricMetadata metadata);
}
