package io.strata.tsdb.head;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.MetricMetadata;
import io.strata.model.StrataException;
import io.strata.storage.Querier;
import io.strata.storage.Queryable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * The in-memory part of the TSDB: every series seen recently, with its newest samples in
 * compressed chunks. See {@code DESIGN.md} in this package for the memory layout and locking.
 *
 * <p>Writes come through {@link #appender()}; a commit goes to the {@link HeadLog} first and is
 * applied only when that succeeded. Reads come through {@link #querier}. The TSDB moves old data
 * out with {@link #prepareCut} and {@link #finishCut}. Thread-safe.
 */
public final class Head implements Queryable, AutoCloseable {
    final HeadOptions options;
    final HeadLog log;
    final HeadSymbols symbols = new HeadSymbols();
    final StripeSeries series = new StripeSeries(symbols);
    final HeadIndex index = new HeadIndex();
    final HeadChunkFiles chunks;
    final ChunkShape shape;
    final HeadMetrics metrics = new HeadMetrics();
    final OpenQueriers openQueriers = new OpenQueriers();
    private static final long ID_MASK = 0xFFFF_FFFFL;
    /** Random tag in bits 32..61 of external refs; see {@link #externalRef}. */
    private final long refTag = (new java.security.SecureRandom().nextLong(1, 1L << 30)) << 32;
    private final AtomicLong nextRef = new AtomicLong(1);
    private final AtomicLong seriesCount = new AtomicLong();
    /** Newest sample timestamp ever applied. */
    private final AtomicLong maxTime = new AtomicLong(Long.MIN_VALUE);
    /**
     * Commits hold the read side from the log write until applied; {@link #awaitAppliedCommits()}
     * takes the write side to wait until everything written to the log is in memory.
     */
    private final ReentrantReadWriteLock commitBarrier = new ReentrantReadWriteLock();
    private final Map<String, MetricMetadata> metadata = new ConcurrentHashMap<>();
    /**
     * Appender batches for reuse: an explicit pool rather than thread-locals, which virtual threads
     * would multiply. Bounded in count and in the size of what it keeps.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<CommitBatch> batchPool =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int MAX_POOLED_BATCHES = 64;
    private static final int MAX_POOLED_BATCH = 1 << 16;
    /** Refs of series whose labels came back under another ref during replay; empty afterwards. */
    private final ConcurrentHashMap<Long, HeadSeries> aliases = new ConcurrentHashMap<>();

    public Head(HeadOptions options, HeadLog log) throws IOException {
        this.options = options;
        this.log = log;
        this.chunks = new HeadChunkFiles(options.dir(), options.files(), options.chunkSegmentBytes());
        this.shape = ChunkShape.of(options.blockDurationMillis());
    }

    /** Retention as last set; starts as the options' and changes on a configuration reload. */
    private volatile long retentionMillis = -1;

    /** How far back appends are accepted now. */
    public long retentionMillis() {
        long r = retentionMillis;
        return r < 0 ? options.retentionMillis() : r;
    }

    /** Changes how far back appends are accepted, from the next appender on. */
    public void setRetentionMillis(long millis) {
        this.retentionMillis = millis;
    }

    /** A new single-threaded appender; see {@link HeadAppender}. */
    public HeadAppender appender() {
        return new HeadAppender(this);
    }

    @Override
    public Querier querier(long minTime, long maxTime) {
        return new HeadQuerier(this, minTime, maxTime);
    }

    public HeadMetrics metrics() {
        return metrics;
    }

    public long numSeries() {
        return seriesCount.get();
    }

    /** Newest sample timestamp ever applied, {@code Long.MIN_VALUE} before the first. */
    public long maxTime() {
        return maxTime.get();
    }

    /** Oldest sample timestamp the head holds, {@code Long.MAX_VALUE} when empty. Walks all series. */
    public long minTime() {
        long[] min = {Long.MAX_VALUE};
        series.forEach(s -> {
            synchronized (s) {
                min[0] = Math.min(min[0], s.minTimeLocked(chunks));
            }
        });
        return min[0];
    }

    /** Newest timestamp still held in the head (not yet cut), {@code Long.MIN_VALUE} when empty. */
    public long heldMaxTime() {
        long[] max = {Long.MIN_VALUE};
        series.forEach(s -> {
            synchronized (s) {
                max[0] = Math.max(max[0], s.headMaxTimeLocked());
            }
        });
        return max[0];
    }

    /** Metadata of every family, latest update wins. */
    public Map<String, MetricMetadata> metadata() {
        return metadata;
    }

    /**
     * Adds a series to the index when its first sample is applied, so series of a batch that
     * failed or was rolled back never show in label APIs. Called under the series' lock (or during
     * replay by the series' only writer).
     */
    void indexOnFirstSample(HeadSeries s) {
        if (!s.indexed) {
            s.indexed = true;
            index.add((int) s.ref, symbols.labels(s.symbols));
        }
    }

    void noteMaxTime(long t) {
        long cur = maxTime.get();
        while (t > cur && !maxTime.compareAndSet(cur, t)) {
            cur = maxTime.get();
        }
    }

    void applyMetadata(List<CommitBatch.MetadataUpdate> updates) {
        for (CommitBatch.MetadataUpdate u : updates) {
            metadata.put(u.metricFamily(), u.metadata());
        }
    }

    /** A cleared batch from the pool, or a new one. */
    CommitBatch takeBatch() {
        CommitBatch b = batchPool.poll();
        return b != null ? b : new CommitBatch(symbols);
    }

    /** Returns a batch to the pool, unless the pool is full or the batch grew very large. */
    void returnBatch(CommitBatch b) {
        b.reset();
        if (b.capacity() <= MAX_POOLED_BATCH && batchPool.size() < MAX_POOLED_BATCHES) {
            batchPool.offer(b);
        }
    }

    void lockCommit() {
        commitBarrier.readLock().lock();
    }

    void unlockCommit() {
        commitBarrier.readLock().unlock();
    }

    /**
     * Returns once every commit that had started writing to the log before the call has been
     * applied to memory. The TSDB calls it after noting the WAL position a checkpoint will cover.
     */
    public void awaitAppliedCommits() {
        commitBarrier.writeLock().lock();
        commitBarrier.writeLock().unlock();
    }

    /**
     * The series for {@code labels}, created when absent.
     *
     * @return null when the series limit forbids creating it
     */
    HeadSeries getOrCreate(Labels labels) {
        long hash = labels.hash64();
        HeadSeries s = series.byLabels(labels, hash);
        if (s != null) {
            return s;
        }
        return series.getOrCreate(labels, hash, l -> {
            if (options.maxSeries() > 0 && seriesCount.get() >= options.maxSeries()) {
                return null;
            }
            return register(nextRef.getAndIncrement(), l);
        });
    }

    private HeadSeries register(long ref, Labels labels) {
        if (ref > Integer.MAX_VALUE) {
            throw new StrataException(ErrorCode.INTERNAL, "head series refs exhausted at " + ref
                    + "; restart the server to renumber series");
        }
        HeadSeries s = new HeadSeries(ref, symbols.intern(labels));
        seriesCount.incrementAndGet();
        metrics.seriesCreated.increment();
        return s;
    }

    // ---- WAL replay: applies records without logging them again ----

    /** Re-creates a series with the ref the WAL gave it. A repeated record is ignored. */
    public void replaySeries(long ref, Labels labels) {
        HeadSeries existing = series.byRef(ref);
        if (existing != null) {
            return;
        }
        long hash = labels.hash64();
        HeadSeries s = series.getOrCreate(labels, hash, l -> register(ref, l));
        if (s.ref == ref) {
            s.walLogged = true;
        } else {
            // The same labels under two refs: a series removed and re-created between checkpoints.
            // Keep the first; samples of the second ref are mapped onto it.
            aliases.put(ref, s);
        }
        nextRef.accumulateAndGet(ref + 1, Math::max);
    }


    /**
     * Applies samples read from the WAL. Samples of unknown refs are counted and skipped (their
     * series record was lost with a torn segment); the count is returned.
     *
     * <p>Only for start-up, before the head is shared: it takes no series locks, so the caller must
     * feed each series from one thread and publish the result (a thread join) before anyone reads.
     */
    public int replaySamples(long[] refs, long[] timestamps, double[] values, int n) {
        int unknown = 0;
        long newest = Long.MIN_VALUE;
        long window = options.outOfOrderWindowMillis();
        for (int i = 0; i < n; i++) {
            long ref = refs[i];
            HeadSeries s = series.byRef(ref);
            if (s == null) {
                s = aliases.get(ref);
                if (s == null) {
                    unknown++;
                    continue;
                }
            }
            // No lock: replay runs before the head is shared, and each series is fed by one thread
            // (WalReplay partitions by ref); joining the workers publishes their writes.
            if (s.appendLocked(timestamps[i], values[i], window, chunks, shape) == HeadSeries.ACCEPT) {
                newest = Math.max(newest, timestamps[i]);
                indexOnFirstSample(s);
            }
        }
        noteMaxTime(newest);
        return unknown;
    }

    /** Re-applies a deletion read from the WAL. */
    public void replayTombstones(long[] refs, long minTime, long maxTime) {
        for (long ref : refs) {
            HeadSeries s = series.byRef(ref);
            if (s == null) {
                s = aliases.get(ref);
            }
            if (s != null) {
                synchronized (s) {
                    s.deleteLocked(minTime, maxTime);
                }
            }
        }
    }

    public void replayMetadata(String metricFamily, MetricMetadata m) {
        metadata.put(metricFamily, m);
    }

    /** Ends replay: forgets ref aliases. */
    public void finishReplay() {
        aliases.clear();
    }

    /** Whether the head holds a live series with WAL ref {@code ref} (for WAL checkpoint filters). */
    public boolean hasSeries(long ref) {
        return series.byRef(ref) != null;
    }

    /**
     * The ref handed to appender callers for series {@code id}: the id plus this head's random tag
     * in the high bits, so a ref from another store or an earlier process is recognised as foreign
     * without comparing labels on every sample.
     */
    long externalRef(long id) {
        return refTag | id;
    }

    /** The series an external ref names, or null when it is foreign, stale or removed. */
    HeadSeries byExternalRef(long ref) {
        if ((ref & ~ID_MASK) != refTag) {
            return null;
        }
        return series.byRef(ref & ID_MASK);
    }

    // ---- deletes ----

    /**
     * Deletes samples in {@code [minTime, maxTime]} of the series matching {@code matchers}: logs
     * tombstones, then applies them (reads skip deleted samples at once).
     *
     * @return the number of head series affected
     */
    public int delete(List<Matcher> matchers, long minTime, long maxTime) {
        MutableRoaringBitmap refs = index.select(matchers, true);
        List<HeadSeries> affected = new ArrayList<>();
        refs.forEach((IntConsumer) ref -> {
            HeadSeries s = series.byRef(ref);
            if (s != null) {
                affected.add(s);
            }
        });
        if (affected.isEmpty()) {
            return 0;
        }
        long[] refArray = new long[affected.size()];
        Labels[] labels = new Labels[affected.size()];
        for (int i = 0; i < refArray.length; i++) {
            refArray[i] = affected.get(i).ref;
            labels[i] = symbols.labels(affected.get(i).symbols);
        }
        lockCommit();
        try {
            log.writeTombstones(refArray, labels, minTime, maxTime);
            for (HeadSeries s : affected) {
                synchronized (s) {
                    s.deleteLocked(minTime, maxTime);
                }
            }
        } finally {
            unlockCommit();
        }
        return affected.size();
    }

    // ---- block cuts ----

    /**
     * First step of moving everything before {@code boundary} (a multiple of the block duration)
     * out of the head: collects it, leaving it readable. Write the returned cut as blocks, make them
     * readable, then call {@link #finishCut}.
     */
    public HeadCut prepareCut(long boundary) {
        if (Math.floorMod(boundary, options.blockDurationMillis()) != 0) {
            throw new IllegalArgumentException("BUG: cut boundary " + boundary + " is not a multiple of the block duration");
        }
        List<CutPart> parts = new ArrayList<>();
        series.forEach(s -> {
            CutPart p;
            synchronized (s) {
                p = s.collectForCutLocked(boundary, chunks, symbols);
            }
            if (p != null) {
                parts.add(p);
            }
        });
        parts.sort((a, b) -> a.labels().compareTo(b.labels()));
        return new HeadCut(boundary, options.blockDurationMillis(), shape, parts, openQueriers.epoch());
    }

    /**
     * Last step of a cut, once its blocks are readable: waits (bounded) for queriers that opened
     * before the blocks were readable, then drops the cut data. Series left empty stay until
     * {@link #removeIdleSeries}.
     */
    public void finishCut(HeadCut cut, java.time.Duration readerWait) {
        openQueriers.awaitOlderThan(openQueriers.advanceEpoch(), cut.boundary(), readerWait);
        for (CutPart p : cut.parts()) {
            HeadSeries s = p.series();
            synchronized (s) {
                s.truncateLocked(p, cut.boundary(), chunks);
            }
        }
    }

    /** Receives a series' newest in-order sample; see {@link #forEachNewestSample}. */
    @FunctionalInterface
    public interface NewestSampleVisitor {
        void visit(Labels labels, long timestamp, double value);
    }

    /**
     * Visits every series of the head that holds a sample, with its newest one (the sample an
     * in-order append must follow). Series added meanwhile may or may not be visited. For the
     * aggregator, which resumes each output series after the last window it wrote.
     */
    public void forEachNewestSample(NewestSampleVisitor visitor) {
        series.forEach(s -> {
            long t;
            double v;
            synchronized (s) {
                if (s.isRemoved()) {
                    return;
                }
                t = s.maxTimeLocked();
                v = s.maxTimeValueLocked();
            }
            if (t != Long.MIN_VALUE) {
                visitor.visit(symbols.labels(s.symbols), t, v);
            }
        });
    }

    /** Removes series with nothing in the head, no newer sample than {@code before}, and no appender. */
    public int removeIdleSeries(long before) {
        releaseSymbolsOfRemovedSeries();
        List<HeadSeries> idle = new ArrayList<>();
        series.forEach(s -> {
            synchronized (s) {
                if (s.tryRemoveLocked(before)) {
                    idle.add(s);
                }
            }
        });
        if (idle.isEmpty()) {
            return 0;
        }
        for (HeadSeries s : idle) {
            series.remove(s);
            if (s.indexed) {
                index.remove((int) s.ref, symbols.labels(s.symbols));
            }
            seriesCount.decrementAndGet();
            metrics.seriesRemoved.increment();
        }
        // Queriers opened from now on cannot reach these series; older ones may still read their
        // labels, so the symbols are released once those have closed.
        long epoch = openQueriers.advanceEpoch();
        synchronized (pendingSymbolReleases) {
            for (HeadSeries s : idle) {
                pendingSymbolReleases.add(new PendingRelease(epoch, s.symbols));
            }
        }
        releaseSymbolsOfRemovedSeries();
        return idle.size();
    }

    private record PendingRelease(long epoch, int[] symbols) {}

    private final java.util.ArrayDeque<PendingRelease> pendingSymbolReleases = new java.util.ArrayDeque<>();

    /** Releases the label symbols of removed series that no open querier can still read. */
    private void releaseSymbolsOfRemovedSeries() {
        long oldestOpen = openQueriers.oldestEpoch();
        synchronized (pendingSymbolReleases) {
            while (!pendingSymbolReleases.isEmpty() && pendingSymbolReleases.peekFirst().epoch() <= oldestOpen) {
                symbols.release(pendingSymbolReleases.pollFirst().symbols());
            }
        }
    }

    // ---- statistics ----

    /** Heap and off-heap bytes the head uses. Walks all series. */
    public HeadMemory memory() {
        long[] seriesBytes = {0};
        long[] chunkCount = {0};
        series.forEach(s -> {
            synchronized (s) {
                seriesBytes[0] += s.retainedBytesLocked();
                chunkCount[0] += s.chunkCountLocked();
            }
        });
        long heap = seriesBytes[0] + series.retainedBytes() + index.retainedBytes() + chunks.heapBytes()
                + symbols.retainedBytes();
        return new HeadMemory(heap, chunks.fileBytes(), chunkCount[0]);
    }

    /**
     * Memory the head uses.
     *
     * @param heapBytes series, labels, open chunks, index and registry on the Java heap
     * @param mappedChunkBytes closed chunks in memory-mapped files (page cache, not heap)
     * @param chunkCount open and closed chunks
     */
    public record HeadMemory(long heapBytes, long mappedChunkBytes, long chunkCount) {}

    @Override
    public void close() throws IOException {
        chunks.close();
    }
}
