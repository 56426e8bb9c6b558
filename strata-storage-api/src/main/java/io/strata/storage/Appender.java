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

    /**
     * Appends one float sample to the series a ref names, without its labels: the fast path of a
     * caller that caches refs by series identity (remote write keeps one per distinct label set).
     *
     * <p>Contract:
     * <ul>
     *   <li>{@code ref} must come from {@link #lastRef()} of an appender of the same storage, after
     *       an append of the series meant. Refs are never reused for another series within one
     *       storage instance, so a ref that is recognised names exactly that series.
     *   <li>Returns {@link AppendStatus#UNKNOWN_SERIES} when the ref is not recognised: 0, foreign,
     *       from an earlier process, or its series was removed. Nothing was stored or counted; the
     *       caller must append the sample again with {@link #append} and labels, and may cache the
     *       new {@link #lastRef()}. Any other status means exactly what {@code append} with the
     *       series' labels would have returned, and an {@code OK} updates {@link #lastRef()}.
     *   <li>Never creates a series, so it never returns {@link AppendStatus#SERIES_LIMIT}.
     * </ul>
     *
     * <p>The default recognises no ref, which is exact for a storage without refs of its own; it
     * costs such a storage's callers one extra call per cached series before they fall back.
     */
    default AppendStatus appendByRef(long ref, long timestamp, double value) {
        return AppendStatus.UNKNOWN_SERIES;
    }

    /** Series ref of the last successful append, for the caller to cache; 0 when there is none. */
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
