package io.strata.tsdb.wal;

/**
 * Decides what a {@link Wal#checkpoint} keeps of the records it compacts. Called on the
 * checkpointing thread, once per entry; implementations must be cheap (no allocation) because they
 * see every sample of the compacted segments.
 */
public interface CheckpointFilter {
    /** Whether the series record of {@code ref} is kept (the series is still in the head). */
    boolean keepSeries(long ref);

    /** Whether a sample is kept (typically: its series is kept and it is newer than the head's min time). */
    boolean keepSample(long ref, long timestamp);

    /** Whether a deletion is kept (typically: its series is kept and the range is not all compacted). */
    boolean keepTombstone(long ref, long minTime, long maxTime);

    /** Whether the metadata of a metric family is kept; only the latest entry per family is written. */
    boolean keepMetadata(String metricFamily);

    /** Keeps everything (a checkpoint that only merges segments). */
    static CheckpointFilter keepAll() {
        return new CheckpointFilter() {
            @Override
            public boolean keepSeries(long ref) {
                return true;
            }

            @Override
            public boolean keepSample(long ref, long timestamp) {
                return true;
            }

            @Override
            public boolean keepTombstone(long ref, long minTime, long maxTime) {
                return true;
            }

            @Override
            public boolean keepMetadata(String metricFamily) {
                return true;
            }
        };
    }
}
