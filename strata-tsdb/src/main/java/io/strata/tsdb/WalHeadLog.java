package io.strata.tsdb;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.tsdb.head.CommitBatch;
import io.strata.tsdb.head.HeadLog;
import io.strata.tsdb.wal.Wal;
import io.strata.tsdb.wal.WalRecords;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The head's log in a TSDB: each commit becomes a SERIES record (when it brings new series), one
 * SAMPLES record, and a METADATA record (when it updates metadata), appended in that order, so
 * replay always meets a series before its samples. A commit of known series, the steady state, is
 * one WAL append.
 *
 * <p>Encode buffers come from an explicit pool (not thread-locals: virtual threads would each get
 * their own); a buffer grows to the largest commit it served and is reused.
 */
final class WalHeadLog implements HeadLog {
    private final Wal wal;
    private final ConcurrentLinkedQueue<Buffers> pool = new ConcurrentLinkedQueue<>();

    private static final class Buffers {
        ByteBuffer record = ByteBuffer.allocate(1 << 14);
        long[] refs = new long[16];
        Labels[] labels = new Labels[16];
    }

    WalHeadLog(Wal wal) {
        this.wal = wal;
    }

    @Override
    public void write(CommitBatch batch) {
        Buffers b = pool.poll();
        if (b == null) {
            b = new Buffers();
        }
        try {
            int n = batch.newSeriesCount();
            if (n > 0) {
                if (b.refs.length < n) {
                    b.refs = new long[Math.max(n, b.refs.length * 2)];
                    b.labels = new Labels[b.refs.length];
                }
                for (int i = 0; i < n; i++) {
                    b.refs[i] = batch.newSeriesRef(i);
                    b.labels[i] = batch.newSeriesLabels(i);
                }
                b.record = WalRecords.encodeSeries(b.refs, b.labels, n, b.record);
                java.util.Arrays.fill(b.labels, 0, n, null);
                wal.append(b.record);
            }
            if (batch.sampleCount() > 0) {
                b.record = WalRecords.encodeSamples(batch.refs(), batch.timestamps(), batch.values(),
                        batch.sampleCount(), b.record);
                wal.append(b.record);
            }
            int m = batch.metadata().size();
            if (m > 0) {
                String[] families = new String[m];
                MetricMetadata[] metadata = new MetricMetadata[m];
                for (int i = 0; i < m; i++) {
                    families[i] = batch.metadata().get(i).metricFamily();
                    metadata[i] = batch.metadata().get(i).metadata();
                }
                b.record = WalRecords.encodeMetadata(families, metadata, m, b.record);
                wal.append(b.record);
            }
        } finally {
            if (b.record.capacity() > 64 << 20) {
                b.record = ByteBuffer.allocate(1 << 14); // do not pin a huge buffer for one odd commit
            }
            pool.offer(b);
        }
    }

    @Override
    public void writeTombstones(long[] refs, Labels[] labels, long minTime, long maxTime) {
        long[] mins = new long[refs.length];
        long[] maxs = new long[refs.length];
        java.util.Arrays.fill(mins, minTime);
        java.util.Arrays.fill(maxs, maxTime);
        wal.append(WalRecords.encodeTombstones(refs, mins, maxs, refs.length, null));
    }
}
