package io.strata.tsdb.wal;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Wal} syncs and cuts segments.
 *
 * @param syncMode when an append is durable against power loss
 * @param syncInterval how often the background thread fsyncs in {@link SyncMode#INTERVAL}; in both
 *     modes also how often an unhealthy WAL probes the disk to recover
 * @param segmentSizeBytes size at which the WAL cuts a new segment; a record larger than this
 *     gets a segment of its own
 */
public record WalOptions(SyncMode syncMode, Duration syncInterval, long segmentSizeBytes) {
    /** The smallest segment size accepted; tests use small segments to exercise rotation. */
    public static final long MIN_SEGMENT_SIZE_BYTES = 4 * 1024;
    /** Offsets inside a segment are 32-bit in positions; 1 GiB leaves room for one oversized record. */
    public static final long MAX_SEGMENT_SIZE_BYTES = 1L << 30;
    public static final long DEFAULT_SEGMENT_SIZE_BYTES = 128L << 20;
    public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofSeconds(1);

    public WalOptions {
        Objects.requireNonNull(syncMode, "syncMode");
        Objects.requireNonNull(syncInterval, "syncInterval");
        if (syncInterval.isNegative() || syncInterval.isZero()) {
            throw new IllegalArgumentException("WAL syncInterval must be positive, got " + syncInterval);
        }
        if (segmentSizeBytes < MIN_SEGMENT_SIZE_BYTES || segmentSizeBytes > MAX_SEGMENT_SIZE_BYTES) {
            throw new IllegalArgumentException("WAL segmentSizeBytes must be in [" + MIN_SEGMENT_SIZE_BYTES + ", "
                    + MAX_SEGMENT_SIZE_BYTES + "], got " + segmentSizeBytes);
        }
    }

    /** {@link SyncMode#INTERVAL}, fsync every second, 128 MiB segments. */
    public static WalOptions defaults() {
        return new WalOptions(SyncMode.INTERVAL, DEFAULT_SYNC_INTERVAL, DEFAULT_SEGMENT_SIZE_BYTES);
    }

    public WalOptions withSyncMode(SyncMode mode) {
        return new WalOptions(mode, syncInterval, segmentSizeBytes);
    }

    public WalOptions withSyncInterval(Duration interval) {
        return new WalOptions(syncMode, interval, segmentSizeBytes);
    }

    public WalOptions withSegmentSizeBytes(long bytes) {
        return new WalOptions(syncMode, syncInterval, bytes);
    }
}
