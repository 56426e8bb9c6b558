package io.strata.tsdb.wal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one {@link Wal}, read by the server's self-metrics exporter. All counters only grow
 * (except {@link #unsyncedBytes()}, a gauge); reading them is cheap and thread-safe.
 */
public final class WalMetrics {
    final LongAdder recordsWritten = new LongAdder();
    final LongAdder bytesWritten = new LongAdder();
    final LongAdder fsyncs = new LongAdder();
    final LongAdder fsyncNanosTotal = new LongAdder();
    final AtomicLong fsyncNanosMax = new AtomicLong();
    final LongAdder fsyncFailures = new LongAdder();
    final LongAdder writeFailures = new LongAdder();
    final LongAdder recoveries = new LongAdder();
    final LongAdder repairs = new LongAdder();
    final LongAdder segmentsCreated = new LongAdder();
    final LongAdder checkpoints = new LongAdder();
    final AtomicLong unsyncedBytes = new AtomicLong();

    WalMetrics() {}

    /** Records appended (including records rewritten after a failed fsync). */
    public long recordsWritten() {
        return recordsWritten.sum();
    }

    /** Bytes written to segments: frame headers and payloads. */
    public long bytesWritten() {
        return bytesWritten.sum();
    }

    /** Successful fsyncs of segment files. */
    public long fsyncs() {
        return fsyncs.sum();
    }

    /** Total time spent in successful fsyncs, in nanoseconds (with {@link #fsyncs()} gives the mean). */
    public long fsyncNanosTotal() {
        return fsyncNanosTotal.sum();
    }

    /** The longest successful fsync so far, in nanoseconds. */
    public long fsyncNanosMax() {
        return fsyncNanosMax.get();
    }

    /** Failed fsyncs of appended records (fsyncs of a new segment's header count as write failures). */
    public long fsyncFailures() {
        return fsyncFailures.sum();
    }

    /** Appends refused because a write failed (disk full, I/O error). */
    public long writeFailures() {
        return writeFailures.sum();
    }

    /** Times an unhealthy WAL became healthy again. */
    public long recoveries() {
        return recoveries.sum();
    }

    /** Torn tails cut off at open (0 or 1 per open). */
    public long repairs() {
        return repairs.sum();
    }

    public long segmentsCreated() {
        return segmentsCreated.sum();
    }

    public long checkpoints() {
        return checkpoints.sum();
    }

    /** Bytes written but not yet covered by an fsync: what a power loss could take now. */
    public long unsyncedBytes() {
        return unsyncedBytes.get();
    }

    void recordFsync(long nanos) {
        fsyncs.increment();
        fsyncNanosTotal.add(nanos);
        fsyncNanosMax.accumulateAndGet(nanos, Math::max);
    }
}
