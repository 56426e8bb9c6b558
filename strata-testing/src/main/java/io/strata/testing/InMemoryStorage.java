package io.strata.testing;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.MetricMetadata;
import io.strata.model.StrataException;
import io.strata.storage.Appender;
import io.strata.storage.CardinalityStats;
import io.strata.storage.Health;
import io.strata.storage.Querier;
import io.strata.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A correct, simple, thread-safe {@link Storage} held in memory, for tests of everything above
 * storage (HTTP APIs, ingest, query engines). Not fast: one lock for everything, and readers get
 * copies of the samples they select.
 *
 * <p>Semantics, chosen to match the real TSDB where tests can observe them:
 * <ul>
 *   <li>A sample newer than the newest of its series is accepted. One at the same timestamp with
 *       the same value (bit for bit) is accepted and ignored; with another value it is
 *       {@link io.strata.storage.AppendStatus#DUPLICATE}. An older one is accepted only within the
 *       out-of-order window (unlimited by default), otherwise it is
 *       {@link io.strata.storage.AppendStatus#OUT_OF_ORDER}.
 *   <li>Appends become visible at {@code commit()}. Two appenders racing on the same timestamp of
 *       the same series: the first to commit wins.
 *   <li>A series is visible to a querier only if it has a sample inside the querier's range, so
 *       series whose samples were all deleted disappear, as in Prometheus.
 *   <li>{@link #deleteSeries} removes samples at once (no tombstones are needed in memory).
 *   <li>Metadata: the latest {@code updateMetadata} of a family replaces earlier ones.
 *   <li>{@link #setHealth} with an unready health makes {@code commit()} throw
 *       {@link ErrorCode#UNAVAILABLE}, as a real store does when its disk is full.
 *   <li>After {@link #close()} every operation throws {@link ErrorCode#UNAVAILABLE}.
 * </ul>
 */
public final class InMemoryStorage implements Storage {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // All below guarded by lock.
    private final TreeMap<Labels, MemSeries> seriesByLabels = new TreeMap<>();
    private final Map<Long, MemSeries> seriesByRef = new HashMap<>();
    private final TreeMap<String, MetricMetadata> metadataByFamily = new TreeMap<>();
    private long nextRef = 1;
    private boolean closed;

    private final long outOfOrderWindowMillis;
    private volatile Health health = Health.READY;
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong compactions = new AtomicLong();
    private final AtomicLong committedSamples = new AtomicLong();

    /** A store that accepts samples in any order. */
    public InMemoryStorage() {
        this(Long.MAX_VALUE);
    }

    private InMemoryStorage(long outOfOrderWindowMillis) {
        this.outOfOrderWindowMillis = outOfOrderWindowMillis;
    }

    /** A store that rejects samples older than the newest of their series by more than {@code window}. */
    public static InMemoryStorage withOutOfOrderWindow(Duration window) {
        if (window.isNegative()) {
            throw new IllegalArgumentException("out-of-order window must not be negative: " + window);
        }
        return new InMemoryStorage(window.toMillis());
    }

    @Override
    public Appender appender() {
        checkOpen();
        return new InMemoryAppender(this);
    }

    @Override
    public Querier querier(long minTime, long maxTime) {
        checkOpen();
        return new InMemoryQuerier(this, minTime, maxTime);
    }

    @Override
    public Map<String, List<MetricMetadata>> metadata(String metric, int limit) {
        readLock();
        try {
            Map<String, List<MetricMetadata>> result = new LinkedHashMap<>();
            for (Map.Entry<String, MetricMetadata> e : metadataByFamily.entrySet()) {
                if (limit > 0 && result.size() >= limit) {
                    break;
                }
                if (metric == null || metric.equals(e.getKey())) {
                    result.put(e.getKey(), List.of(e.getValue()));
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void deleteSeries(List<Matcher> matchers, long minTime, long maxTime) {
        writeLock();
        try {
            for (MemSeries s : seriesByLabels.values()) {
                if (InMemoryQuerier.matchesAll(s.labels, matchers)) {
                    s.delete(minTime, maxTime);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Nothing to persist in memory; counts calls so tests can see the admin API reached storage. */
    @Override
    public void flushHead() {
        checkOpen();
        flushes.incrementAndGet();
    }

    /** Memory has no blocks to merge: always 0, counted like {@link #flushHead()}. */
    @Override
    public int compactNow() {
        checkOpen();
        compactions.incrementAndGet();
        return 0;
    }

    /** How many times {@link #compactNow()} was called. */
    public long compactCount() {
        return compactions.get();
    }

    /** How many times {@link #flushHead()} was called. */
    public long flushCount() {
        return flushes.get();
    }

    /** Samples committed so far (accepted ones, including ignored exact duplicates). */
    public long committedSamples() {
        return committedSamples.get();
    }

    /**
     * Statistics over series that hold samples. There are no chunks in memory, so
     * {@code chunkCount} is 0.
     */
    @Override
    public CardinalityStats cardinality(int topN) {
        readLock();
        try {
            return InMemoryCardinality.compute(seriesByLabels.values(), topN);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Health health() {
        return health;
    }

    /** Simulates a store that cannot take writes (or recovers, with {@link Health#READY}). */
    public void setHealth(Health health) {
        this.health = health;
    }

    @Override
    public void close() {
        writeLock0();
        try {
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    // ---- used by the appender and querier of this package ----

    /** The series for these labels, created (without samples) if new. Caller holds the write lock. */
    MemSeries getOrCreate(long ref, Labels labels) {
        MemSeries byRef = ref == 0 ? null : seriesByRef.get(ref);
        if (byRef != null && byRef.labels.equals(labels)) {
            return byRef;
        }
        MemSeries s = seriesByLabels.get(labels);
        if (s == null) {
            s = new MemSeries(nextRef++, labels);
            seriesByLabels.put(labels, s);
            seriesByRef.put(s.ref, s);
        }
        return s;
    }

    long outOfOrderWindowMillis() {
        return outOfOrderWindowMillis;
    }

    void commit(List<PendingSample> samples, Map<String, MetricMetadata> metadata) {
        Health h = health;
        if (!h.ready()) {
            throw new StrataException(ErrorCode.UNAVAILABLE, "storage refuses writes: " + h.reason());
        }
        writeLock();
        try {
            for (PendingSample p : samples) {
                p.series().insert(p.timestamp(), p.value());
            }
            metadataByFamily.putAll(metadata);
            committedSamples.addAndGet(samples.size());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A snapshot of the series matching {@code matchers} with samples in range, sorted. */
    List<MemSeries> matching(List<Matcher> matchers, long minTime, long maxTime) {
        List<MemSeries> out = new ArrayList<>();
        for (MemSeries s : seriesByLabels.values()) {
            if (s.hasSamplesIn(minTime, maxTime) && InMemoryQuerier.matchesAll(s.labels, matchers)) {
                out.add(s);
            }
        }
        return out;
    }

    void readLock() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw closedException();
        }
    }

    void writeLock() {
        writeLock0();
        if (closed) {
            lock.writeLock().unlock();
            throw closedException();
        }
    }

    private void writeLock0() {
        lock.writeLock().lock();
    }

    ReentrantReadWriteLock lock() {
        return lock;
    }

    private void checkOpen() {
        readLock();
        lock.readLock().unlock();
    }

    private static StrataException closedException() {
        return new StrataException(ErrorCode.UNAVAILABLE, "storage is closed");
    }

    /** One appended, not yet committed sample. */
    record PendingSample(MemSeries series, long timestamp, double value) {}
}
