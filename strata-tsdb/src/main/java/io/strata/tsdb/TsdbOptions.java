package io.strata.tsdb;

import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.tsdb.fs.StorageFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Settings of one {@link Tsdb}. Build with {@link #builder()}; every field has a default, so
 * {@code TsdbOptions.builder().build()} is a working configuration in {@code ./data}.
 *
 * @param dataDir directory holding the WAL, the head chunks and the blocks
 * @param retention samples older than {@code now - retention} are rejected ({@code TOO_OLD}) and
 *     blocks entirely older are deleted
 * @param retentionSizeBytes blocks are deleted oldest first while the blocks take more than this
 *     many bytes; 0 for no limit
 * @param blockDuration length of the time ranges the head is cut into blocks at; a multiple of a
 *     minute, at least one minute
 * @param outOfOrderWindow how far behind the newest sample of its series a sample may be and still
 *     be accepted; zero accepts only in-order samples
 * @param walSyncMode {@code INTERVAL} fsyncs the WAL every {@code walSyncInterval};
 *     {@code ALWAYS} makes every commit wait for an fsync (group commit)
 * @param walSyncInterval time between WAL fsyncs in {@code INTERVAL} mode
 * @param walSegmentSizeBytes size at which a WAL segment is closed and a new one started
 * @param maxFutureSkew samples further than this ahead of the clock are rejected
 *     ({@code TOO_FAR_IN_FUTURE})
 * @param maxSeries head series limit; a new series beyond it is rejected ({@code SERIES_LIMIT});
 *     0 for no limit
 * @param clock the time source for retention, skew and cut decisions (tests inject one)
 * @param files all file access (tests inject faults)
 * @param backgroundWork whether to start the thread that cuts blocks, compacts and applies
 *     retention; tests that drive {@link Tsdb#runMaintenance()} themselves turn it off
 */
public record TsdbOptions(
        Path dataDir,
        Duration retention,
        long retentionSizeBytes,
        Duration blockDuration,
        Duration outOfOrderWindow,
        WalSyncMode walSyncMode,
        Duration walSyncInterval,
        long walSegmentSizeBytes,
        Duration maxFutureSkew,
        long maxSeries,
        InstantSource clock,
        StorageFiles files,
        boolean backgroundWork) {

    /** How commits wait for the disk. */
    public enum WalSyncMode {
        /** Commit returns after the write; a background fsync runs every sync interval. */
        INTERVAL,
        /** Commit returns after an fsync that covers it (shared by concurrent commits). */
        ALWAYS
    }

    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(15);
    public static final Duration DEFAULT_BLOCK_DURATION = Duration.ofHours(2);
    public static final Duration DEFAULT_OUT_OF_ORDER_WINDOW = Duration.ofMinutes(10);
    public static final Duration DEFAULT_WAL_SYNC_INTERVAL = Duration.ofSeconds(1);
    /** Prometheus's segment size: large enough that rolling is rare, small enough to truncate finely. */
    public static final long DEFAULT_WAL_SEGMENT_SIZE = 128L << 20;
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(10);

    public TsdbOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(blockDuration, "blockDuration");
        Objects.requireNonNull(outOfOrderWindow, "outOfOrderWindow");
        Objects.requireNonNull(walSyncMode, "walSyncMode");
        Objects.requireNonNull(walSyncInterval, "walSyncInterval");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(files, "files");
        require(!retention.isNegative() && !retention.isZero(), "retention", retention, "must be positive");
        require(retentionSizeBytes >= 0, "retentionSize", retentionSizeBytes, "must be >= 0 (0 = unlimited)");
        require(blockDuration.toMillis() >= 60_000 && blockDuration.toMillis() % 60_000 == 0,
                "blockDuration", blockDuration, "must be a whole number of minutes, at least 1m");
        require(!outOfOrderWindow.isNegative(), "outOfOrderWindow", outOfOrderWindow, "must be >= 0");
        require(outOfOrderWindow.compareTo(blockDuration) <= 0,
                "outOfOrderWindow", outOfOrderWindow, "must not exceed blockDuration " + blockDuration);
        require(walSyncInterval.toMillis() > 0, "walSyncInterval", walSyncInterval, "must be positive");
        require(walSegmentSizeBytes >= 1 << 16, "walSegmentSize", walSegmentSizeBytes, "must be at least 64 KiB");
        require(!maxFutureSkew.isNegative(), "maxFutureSkew", maxFutureSkew, "must be >= 0");
        require(maxSeries >= 0, "maxSeries", maxSeries, "must be >= 0 (0 = unlimited)");
    }

    private static void require(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("invalid tsdb option " + key + "=" + value + ": " + rule);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataDir = dataDir;
        b.retention = retention;
        b.retentionSizeBytes = retentionSizeBytes;
        b.blockDuration = blockDuration;
        b.outOfOrderWindow = outOfOrderWindow;
        b.walSyncMode = walSyncMode;
        b.walSyncInterval = walSyncInterval;
        b.walSegmentSizeBytes = walSegmentSizeBytes;
        b.maxFutureSkew = maxFutureSkew;
        b.maxSeries = maxSeries;
        b.clock = clock;
        b.files = files;
        b.backgroundWork = backgroundWork;
        return b;
    }

    /** Builder with the defaults documented on {@link TsdbOptions}. */
    public static final class Builder {
        private Path dataDir = DEFAULT_DATA_DIR;
        private Duration retention = DEFAULT_RETENTION;
        private long retentionSizeBytes;
        private Duration blockDuration = DEFAULT_BLOCK_DURATION;
        private Duration outOfOrderWindow = DEFAULT_OUT_OF_ORDER_WINDOW;
        private WalSyncMode walSyncMode = WalSyncMode.INTERVAL;
        private Duration walSyncInterval = DEFAULT_WAL_SYNC_INTERVAL;
        private long walSegmentSizeBytes = DEFAULT_WAL_SEGMENT_SIZE;
        private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;
        private long maxSeries;
        private InstantSource clock = InstantSource.system();
        private StorageFiles files = OsStorageFiles.INSTANCE;
        private boolean backgroundWork = true;

        private Builder() {}

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        public Builder retention(Duration v) {
            retention = v;
            return this;
        }

        public Builder retentionSizeBytes(long v) {
            retentionSizeBytes = v;
            return this;
        }

        public Builder blockDuration(Duration v) {
            blockDuration = v;
            return this;
        }

        public Builder outOfOrderWindow(Duration v) {
            outOfOrderWindow = v;
            return this;
        }

        public Builder walSyncMode(WalSyncMode v) {
            walSyncMode = v;
            return this;
        }

        public Builder walSyncInterval(Duration v) {
            walSyncInterval = v;
            return this;
        }

        public Builder walSegmentSizeBytes(long v) {
            walSegmentSizeBytes = v;
            return this;
        }

        public Builder maxFutureSkew(Duration v) {
            maxFutureSkew = v;
            return this;
        }

        public Builder maxSeries(long v) {
            maxSeries = v;
            return this;
        }

        public Builder clock(InstantSource v) {
            clock = v;
            return this;
        }

        public Builder files(StorageFiles v) {
            files = v;
            return this;
        }

        public Builder backgroundWork(boolean v) {
            backgroundWork = v;
            return this;
        }

        public TsdbOptions build() {
            return new TsdbOptions(dataDir, retention, retentionSizeBytes, blockDuration, outOfOrderWindow,
                    walSyncMode, walSyncInterval, walSegmentSizeBytes, maxFutureSkew, maxSeries, clock, files,
                    backgroundWork);
        }
    }
}
