package io.strata.tsdb.wal;

/** When an acknowledged WAL record reaches the disk (survives power loss, not only a killed process). */
public enum SyncMode {
    /**
     * {@link Wal#append} returns once the record is written to the page cache (it survives a killed
     * process); a background thread fsyncs at least every {@link WalOptions#syncInterval()}.
     */
    INTERVAL,
    /**
     * {@link Wal#append} returns only after an fsync that covers the record. Concurrent appenders
     * share one fsync (group commit).
     */
    ALWAYS
}
