package io.strata.storage;

import io.strata.model.Matcher;
import io.strata.model.MetricMetadata;
import java.util.List;
import java.util.Map;

/**
 * A complete store as the server sees it: read, write, and the administrative operations of
 * Prometheus's TSDB API. Implemented by the single-node TSDB, and by an in-memory fake in
 * {@code strata-testing}. Thread-safe.
 */
public interface Storage extends Queryable, Appendable, AutoCloseable {
    /**
     * Metadata by metric family, as {@code /api/v1/metadata} returns it.
     *
     * @param metric only this family, or {@code null} for all
     * @param limit maximum number of families, 0 for no limit
     */
    Map<String, List<MetricMetadata>> metadata(String metric, int limit);

    /**
     * Deletes the samples of matching series within {@code [minTime, maxTime]} (tombstones; space is
     * reclaimed at compaction). Deleted samples are invisible to queries at once.
     */
    void deleteSeries(List<Matcher> matchers, long minTime, long maxTime);

    /** Persists everything the head holds as blocks now, and truncates the WAL accordingly. */
    void flushHead();

    /**
     * Merges blocks as far as the compaction ranges allow now, without waiting for each range to
     * fill: the store's most compact form, for measuring it or before a backup. Returns the
     * number of merges.
     */
    int compactNow();

    /** Cardinality statistics of the head, for {@code /api/v1/status/tsdb}. */
    CardinalityStats cardinality(int topN);

    /** Whether the store accepts writes now, and if not, why. */
    Health health();

    /** Flushes what must be flushed and releases files; idempotent. */
    @Override
    void close();
}
