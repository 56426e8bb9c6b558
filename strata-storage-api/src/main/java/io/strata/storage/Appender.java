package io.strata.storage;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;

/**
 * A batch of appends that becomes visible and durable together at {@link #commit()}.
 *
 * <p>Contract (Prometheus {@code storage.Appender}):
 * <ul>
 *   <li>Used by one thread; never reused after {@code commit()} or {@code rollback()}.
 *   <li>{@code commit()} writes the WAL first and publishes to readers only after the WAL write
 *       succeeded; when it returns, the batch survives a killed process according to the
 *       storage's durability mode (see the implementation).
 *   <li>A rejected sample does not fail the batch; its status says why.
 * </ul>
 */
public interface Appender {
    /**
     * Appends one float sample.
     *
     * @param ref a series ref from {@link #lastRef()} of an earlier append to the same storage,
     *     or 0 when unknown; a stale or wrong ref is detected and the labels are used instead
     * @param labels the series labels, valid and sorted (ingest validates before calling)
     * @return {@link AppendStatus#OK} or the reason the sample was rejected
     */
    AppendStatus append(long ref, Labels labels, long timestamp, double value);

    /** Series ref of the last successful append, for the caller to cache. */
    long lastRef();

    /** Records type, help and unit of a metric family; applied at commit. */
    void updateMetadata(String metricFamily, MetricMetadata metadata);

    /**
     * Makes the batch durable and visible.
     *
     * @throws io.strata.model.StrataException with {@code UNAVAILABLE} when the WAL cannot be
     *     written (disk full, failed fsync); nothing of the batch is then visible
     */
    void commit();

    /** Discards the batch. */
    void rollback();
}
