package io.strata.tsdb.head;

import io.strata.model.Labels;

/**
 * Where the head makes writes durable before it applies them: the WAL in production, a list in
 * tests. The head calls it from many threads at once; implementations are thread-safe.
 */
public interface HeadLog {
    /**
     * Writes one commit, all or nothing, before the head applies it.
     *
     * @throws io.strata.model.StrataException {@code UNAVAILABLE} when it cannot be written (disk
     *     full, failed fsync); the head then applies nothing of the batch
     */
    void write(CommitBatch batch);

    /**
     * Writes the deletion of {@code [minTime, maxTime]} from the series with {@code refs}.
     *
     * @throws io.strata.model.StrataException {@code UNAVAILABLE} when it cannot be written
     */
    void writeTombstones(long[] refs, Labels[] labels, long minTime, long maxTime);

    /** A log that keeps nothing, for a head that need not survive a restart. */
    HeadLog NONE = new HeadLog() {
        @Override
        public void write(CommitBatch batch) {}

        @Override
        public void writeTombstones(long[] refs, Labels[] labels, long minTime, long maxTime) {}
    };
}
