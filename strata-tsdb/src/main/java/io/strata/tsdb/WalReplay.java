package io.strata.tsdb;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.tsdb.head.Head;
import io.strata.tsdb.wal.WalRecordVisitor;

/**
 * Applies WAL records to the head at start-up. Records come in log order, so a series record
 * precedes its samples; samples of refs the WAL never named (a series record lost to a repaired
 * torn tail) are counted and skipped.
 */
final class WalReplay implements WalRecordVisitor {
    private final Head head;
    long series;
    long samples;
    long unknownSamples;
    long tombstones;

    WalReplay(Head head) {
        this.head = head;
    }

    @Override
    public void series(long[] refs, Labels[] labels, int count) {
        for (int i = 0; i < count; i++) {
            head.replaySeries(refs[i], labels[i]);
        }
        series += count;
    }

    @Override
    public void samples(long[] refs, long[] timestamps, double[] values, int count) {
        unknownSamples += head.replaySamples(refs, timestamps, values, count);
        samples += count;
    }

    @Override
    public void tombstones(long[] refs, long[] minTimes, long[] maxTimes, int count) {
        for (int i = 0; i < count; i++) {
            head.replayTombstones(new long[] {refs[i]}, minTimes[i], maxTimes[i]);
        }
        tombstones += count;
    }

    @Override
    public void metadata(String metricFamily, MetricMetadata metadata) {
        head.replayMetadata(metricFamily, metadata);
    }
}
