package io.strata.tsdb;

import io.strata.model.ErrorCode;
import io.strata.model.Matcher;
import io.strata.model.MetricMetadata;
import io.strata.model.StrataException;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import io.strata.storage.CardinalityStats;
import io.strata.storage.Health;
import io.strata.storage.Querier;
import io.strata.storage.Storage;
import io.strata.storage.merge.MergeQuerier;
import io.strata.tsdb.block.BlockSeriesSource;
import io.strata.tsdb.block.BlockSet;
import io.strata.tsdb.block.BlockWriter;
import io.strata.tsdb.compact.CompactionPlanner;
import io.strata.tsdb.compact.Compactor;
import io.strata.tsdb.head.Head;
import io.strata.tsdb.head.HeadCut;
import io.strata.tsdb.head.HeadMetrics;
import io.strata.tsdb.head.HeadOptions;
import io.strata.tsdb.head.HeadStats;
import io.strata.tsdb.retention.Retention;
import io.strata.tsdb.retention.RetentionPolicy;
import io.strata.tsdb.wal.CheckpointFilter;
import io.strata.tsdb.wal.SyncMode;
import io.strata.tsdb.wal.Wal;
import io.strata.tsdb.wal.WalMetrics;
import io.strata.tsdb.wal.WalOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node time series database: a {@link Head} in memory, a {@link Wal} that makes every
 * acknowledged write survive a killed process, and immutable blocks on disk.
 *
 * <p>Layout of {@code dataDir}: {@code wal/} (segments and checkpoints), {@code chunks_head/}
 * (closed head chunks, scratch space rebuilt at start-up), {@code blocks/<id>/}.
 *
 * <p>Writes: {@link #appender()} hands out head appenders; a commit is in the WAL before it is
 * visible and before {@code commit()} returns (in {@code ALWAYS} sync mode, fsynced too).
 *
 * <p>Late data. A series accepts any sample newer than its newest one (however old, inside
 * retention), and older ones inside the out-of-order window. So a backfill of days over remote
 * write goes through the head like live data: the head then spans days, and the background work
 * cuts it into one block per block-duration range, oldest first, until it spans no more than
 * 1.5 block durations (Prometheus's rule). Samples older than what the head still holds, for
 * ranges already cut, are accepted the same way and written as new blocks that overlap the
 * existing ones; queries merge overlapping blocks (equal timestamps deduplicated) and compaction
 * folds them together. History can therefore be imported without limit.
 *
 * <p>Reads: {@link #querier} merges the head with the blocks; on equal timestamps the head wins.
 *
 * <p>Background work runs on one thread named {@code strata-tsdb-maintenance} (cuts, WAL
 * checkpoints, retention); the WAL fsyncs on its own thread. Thread-safe.
 */
public final class Tsdb implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(Tsdb.class);
    static final String WAL_DIR = "wal";
    static final String BLOCKS_DIR = "blocks";
    /** How long a cut waits for queriers that opened before its blocks were readable. */
    private static final Duration READER_WAIT = Duration.ofMinutes(1);
    private static final Duration MAINTENANCE_INTERVAL = Duration.ofSeconds(30);

    private final TsdbOptions options;
    private final long blockMillis;
    private final Wal wal;
    private final Head head;
    private final BlockSet blocks;
    private final DirectoryLock lock;
    private final Compactor compactor;
    private volatile Retention retention;
    private final ReentrantLock maintenance = new ReentrantLock();
    private final ScheduledExecutorService background;
    private volatile boolean ready;
    private volatile String replayFailure;
    private final java.util.concurrent.CompletableFuture<Void> readiness = new java.util.concurrent.CompletableFuture<>();
    private volatile boolean closed;
    private final AtomicLong headCuts = new AtomicLong();
    private final AtomicLong headCutFailures = new AtomicLong();
    private final AtomicLong blocksWritten = new AtomicLong();
    private final AtomicLong blocksDeleted = new AtomicLong();
    private final AtomicLong compactions = new AtomicLong();
    private volatile double replaySeconds;
    private volatile String maintenanceProblem = "";

    private Tsdb(TsdbOptions options, Wal wal, Head head, BlockSet blocks, DirectoryLock lock) {
        this.options = options;
        this.lock = lock;
        this.blockMillis = options.blockDuration().toMillis();
        this.wal = wal;
        this.head = head;
        this.blocks = blocks;
        long retentionMillis = options.retention().toMillis();
        // Compacted blocks grow to a tenth of retention at most, so retention frees space in steps.
        this.compactor = new Compactor(options.files(), new CompactionPlanner(CompactionPlanner.exponentialRanges(
                blockMillis, Math.min(retentionMillis / 10, Duration.ofDays(31).toMillis()))));
        this.retention = new Retention(options.clock(), new RetentionPolicy(retentionMillis, options.retentionSizeBytes()));
        this.background = options.backgroundWork()
                ? Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "strata-tsdb-maintenance");
                    t.setDaemon(true);
                    return t;
                })
                : null;
    }

    /**
     * Opens (or creates) the database in {@code options.dataDir()}: opens the blocks, replays the
     * WAL into the head, and starts the background work. Returns when it is ready for writes.
     *
     * @throws StrataException {@code UNAVAILABLE} when the data directory cannot be read or the
     *     WAL is damaged beyond a torn tail (the message names the file and offset)
     */
    public static Tsdb open(TsdbOptions options) {
        Tsdb tsdb = openInBackground(options);
        try {
            tsdb.awaitReady(Duration.ofDays(1));
        } catch (RuntimeException e) {
            try {
                tsdb.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return tsdb;
    }

    /**
     * Like {@link #open}, but returns as soon as the files are open and replays the WAL on a
     * thread named {@code strata-tsdb-wal-replay}, so a server can answer health checks meanwhile.
     * Until {@link #awaitReady} returns, {@link #health()} is unready ("replaying the WAL") and
     * {@link #appender()} and {@link #querier} throw {@code UNAVAILABLE}.
     *
     * @throws StrataException {@code UNAVAILABLE} when the data directory or the WAL cannot be opened
     */
    public static Tsdb openInBackground(TsdbOptions options) {
        Path dir = options.dataDir();
        DirectoryLock lock = null;
        Wal wal = null;
        Head head = null;
        BlockSet blocks = null;
        try {
            options.files().createDirectories(dir);
            lock = DirectoryLock.acquire(dir, options.files());
            blocks = BlockSet.open(dir.resolve(BLOCKS_DIR), options.files());
            wal = Wal.open(dir.resolve(WAL_DIR), walOptions(options), options.files(), options.clock());
            head = new Head(headOptions(options), new WalHeadLog(wal));
        } catch (IOException | RuntimeException e) {
            closeQuietly(e, wal, head, blocks, lock);
            if (e instanceof StrataException se) {
                throw se;
            }
            throw new StrataException(ErrorCode.UNAVAILABLE, "cannot open the TSDB in " + dir + ": " + e.getMessage(), e);
        }
        Tsdb tsdb = new Tsdb(options, wal, head, blocks, lock);
        Thread replayer = new Thread(tsdb::replayAndStart, "strata-tsdb-wal-replay");
        replayer.setDaemon(true);
        replayer.start();
        return tsdb;
    }

    private void replayAndStart() {
        try {
            replay();
            start();
            ready = true;
            readiness.complete(null);
        } catch (IOException | RuntimeException e) {
            String message = "cannot replay the WAL in " + options.dataDir().resolve(WAL_DIR) + ": " + e.getMessage();
            replayFailure = message;
            readiness.completeExceptionally(e instanceof StrataException se ? se
                    : new StrataException(ErrorCode.UNAVAILABLE, message, e));
        }
    }

    /**
     * Waits until the WAL replay of {@link #openInBackground} is done.
     *
     * @throws StrataException {@code UNAVAILABLE} when the replay failed or did not finish in time
     */
    public void awaitReady(Duration timeout) {
        try {
            readiness.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof StrataException se ? se
                    : new StrataException(ErrorCode.UNAVAILABLE, e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StrataException(ErrorCode.UNAVAILABLE, "the WAL replay in " + options.dataDir()
                    + " did not finish within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.CANCELED, "interrupted while waiting for the WAL replay", e);
        }
    }

    private void requireReady() {
        if (closed) {
            throw new StrataException(ErrorCode.UNAVAILABLE, "the TSDB in " + options.dataDir() + " is closed");
        }
        if (!ready) {
            throw new StrataException(ErrorCode.UNAVAILABLE, replayFailure != null ? replayFailure
                    : "the TSDB in " + options.dataDir() + " is still replaying its WAL; retry shortly");
        }
    }

    private static void closeQuietly(Exception failure, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    static WalOptions walOptions(TsdbOptions o) {
        SyncMode mode = switch (o.walSyncMode()) {
            case INTERVAL -> SyncMode.INTERVAL;
            case ALWAYS -> SyncMode.ALWAYS;
        };
        return new WalOptions(mode, o.walSyncInterval(), o.walSegmentSizeBytes());
    }

    static HeadOptions headOptions(TsdbOptions o) {
        return new HeadOptions(o.dataDir(), o.files(), o.blockDuration().toMillis(), o.outOfOrderWindow().toMillis(),
                o.retention().toMillis(), o.maxFutureSkew().toMillis(), o.maxSeries(),
                HeadOptions.DEFAULT_CHUNK_SEGMENT_BYTES, o.clock());
    }

    private void replay() throws IOException {
        long start = System.nanoTime();
        int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
        WalReplay visitor = new WalReplay(head, threads);
        try {
            wal.replay(visitor);
            visitor.finish();
        } finally {
            visitor.close();
        }
        head.finishReplay();
        replaySeconds = (System.nanoTime() - start) / 1e9;
        if (visitor.unknownSamples.get() > 0) {
            LOG.warn("WAL replay skipped {} samples of series it never saw created (a torn tail was repaired)",
                    visitor.unknownSamples.get());
        }
        LOG.info("replayed the WAL of {}: {} series records, {} samples, {} tombstones in {} s",
                options.dataDir(), visitor.series, visitor.samples, visitor.tombstones,
                String.format(java.util.Locale.ROOT, "%.2f", replaySeconds));
    }

    private void start() {
        if (background != null) {
            long every = MAINTENANCE_INTERVAL.toMillis();
            background.scheduleWithFixedDelay(this::maintenanceTick, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void maintenanceTick() {
        try {
            runMaintenance();
            maintenanceProblem = "";
        } catch (RuntimeException e) {
            maintenanceProblem = e.getMessage();
            LOG.warn("TSDB maintenance failed; it is retried in {}", MAINTENANCE_INTERVAL, e);
        }
    }

    // ---- Storage ----

    /**
     * A new appender for one batch. See {@link io.strata.tsdb.head.HeadAppender}.
     *
     * @throws StrataException {@code UNAVAILABLE} when the TSDB is closed or still replaying its WAL
     */
    @Override
    public Appender appender() {
        requireReady();
        return head.appender();
    }

    /**
     * The head merged with the blocks. On equal timestamps the head's sample wins, then the block
     * that sorts first (see {@link BlockSet#querier}).
     */
    @Override
    public Querier querier(long minTime, long maxTime) {
        requireReady();
        // The head querier registers before the block list is read: see Head.finishCut.
        Querier headQuerier = head.querier(minTime, maxTime);
        Querier blockQuerier;
        try {
            blockQuerier = blocks.querier(minTime, maxTime);
        } catch (RuntimeException e) {
            headQuerier.close();
            throw e;
        }
        return MergeQuerier.of(List.of(headQuerier, blockQuerier));
    }

    @Override
    public Map<String, List<MetricMetadata>> metadata(String metric, int limit) {
        TreeMap<String, MetricMetadata> sorted = new TreeMap<>(head.metadata());
        Map<String, List<MetricMetadata>> out = new LinkedHashMap<>();
        for (Map.Entry<String, MetricMetadata> e : sorted.entrySet()) {
            if (metric != null && !metric.equals(e.getKey())) {
                continue;
            }
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            out.put(e.getKey(), List.of(e.getValue()));
        }
        return out;
    }

    @Override
    public void deleteSeries(List<Matcher> matchers, long minTime, long maxTime) {
        if (minTime > maxTime) {
            throw new StrataException(ErrorCode.BAD_DATA, "delete range start " + minTime + " is after its end " + maxTime);
        }
        requireReady();
        maintenance.lock();
        try {
            head.delete(matchers, minTime, maxTime);
            try {
                blocks.addTombstones(matchers, minTime, maxTime);
            } catch (IOException e) {
                throw new StrataException(ErrorCode.UNAVAILABLE, "cannot write block tombstones in "
                        + blocks.directory() + ": " + e.getMessage(), e);
            }
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Writes everything the head holds into blocks now and checkpoints the WAL. Samples stay
     * readable throughout: the blocks are readable before the head lets go of them, and queries
     * deduplicate what both hold meanwhile.
     */
    @Override
    public void flushHead() {
        requireReady();
        maintenance.lock();
        try {
            long held = head.heldMaxTime();
            if (held == Long.MIN_VALUE) {
                return;
            }
            cut(Math.floorDiv(held, blockMillis) * blockMillis + blockMillis, false);
        } finally {
            maintenance.unlock();
        }
    }

    @Override
    public int compactNow() {
        requireReady();
        maintenance.lock();
        try {
            int merges = compactor.compact(blocks, true);
            compactions.addAndGet(merges);
            return merges;
        } catch (IOException e) {
            throw new StrataException(ErrorCode.UNAVAILABLE, "block compaction in " + blocks.directory()
                    + " failed: " + e.getMessage(), e);
        } finally {
            maintenance.unlock();
        }
    }

    @Override
    public CardinalityStats cardinality(int topN) {
        requireReady();
        return HeadStats.cardinality(head, topN);
    }

    @Override
    public Health health() {
        if (closed) {
            return Health.unready("the TSDB in " + options.dataDir() + " is closed");
        }
        if (replayFailure != null) {
            return Health.unready(replayFailure);
        }
        if (!ready) {
            return Health.unready("replaying the WAL in " + options.dataDir().resolve(WAL_DIR));
        }
        if (!wal.healthy()) {
            return Health.unready("WAL cannot be written: " + wal.unhealthyReason());
        }
        return Health.READY;
    }

    /** Stops background work, fsyncs the WAL and releases files. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!readiness.isDone()) {
            try {
                readiness.get(10, TimeUnit.MINUTES); // the replay writes into what we are about to close
            } catch (Exception e) {
                LOG.debug("closing after a failed or slow WAL replay: {}", e.toString());
            }
        }
        if (background != null) {
            // No interrupt first: an interrupted file operation closes its channel, and the
            // maintenance thread may be writing the WAL (rotation, checkpoint) or a block.
            background.shutdown();
            try {
                if (!background.awaitTermination(1, TimeUnit.MINUTES)) {
                    LOG.warn("TSDB maintenance still running after a minute; interrupting it");
                    background.shutdownNow();
                    background.awaitTermination(1, TimeUnit.MINUTES);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        maintenance.lock();
        try {
            Exception failure = new Exception("closing the TSDB in " + options.dataDir());
            closeQuietly(failure, wal, head, blocks, lock);
            if (failure.getSuppressed().length > 0) {
                throw new StrataException(ErrorCode.UNAVAILABLE, failure.getMessage() + " failed: "
                        + failure.getSuppressed()[0].getMessage(), failure);
            }
        } finally {
            maintenance.unlock();
        }
    }

    // ---- maintenance ----

    /**
     * One round of background work, also callable directly (tests, or with background work off):
     * cuts the head while it spans more than 1.5 block durations, then applies retention.
     */
    public void runMaintenance() {
        maintenance.lock();
        try {
            if (closed || !ready) {
                return;
            }
            long min = head.minTime();
            long max = head.heldMaxTime();
            if (min != Long.MAX_VALUE && max - min > blockMillis + blockMillis / 2) {
                // Prometheus cuts the oldest range while the head spans more than 1.5 ranges; cutting
                // at the boundary that loop would end at does the same in one pass (one WAL
                // checkpoint however many ranges a backfill left behind).
                long keepFrom = max - blockMillis - blockMillis / 2;
                long boundary = Math.max(alignUp(keepFrom), Math.floorDiv(min, blockMillis) * blockMillis + blockMillis);
                cut(boundary, true);
            }
            try {
                compactions.addAndGet(compactor.compact(blocks));
            } catch (IOException e) {
                throw new StrataException(ErrorCode.UNAVAILABLE, "block compaction in " + blocks.directory()
                        + " failed: " + e.getMessage(), e);
            }
            blocksDeleted.addAndGet(retention.apply(blocks, walBytes()).size());
        } finally {
            maintenance.unlock();
        }
    }

    /**
     * Changes the time retention without a restart (a configuration reload): appends older than
     * it are refused from the next appender on, and the next maintenance round deletes blocks
     * past it.
     */
    public void setRetention(Duration retentionTime) {
        long millis = retentionTime.toMillis();
        head.setRetentionMillis(millis);
        retention = new Retention(options.clock(), new RetentionPolicy(millis, options.retentionSizeBytes()));
    }

    /** Bytes of the WAL, counted against the size retention as Prometheus counts them. */
    private long walBytes() {
        long total = 0;
        try {
            for (Path p : options.files().list(wal.directory())) {
                if (!java.nio.file.Files.isDirectory(p)) {
                    total += options.files().size(p);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot measure the WAL in {}: {}", wal.directory(), e.toString());
        }
        return total;
    }

    private long alignUp(long t) {
        return Math.floorDiv(t + blockMillis - 1, blockMillis) * blockMillis;
    }

    /**
     * Moves everything before {@code boundary} from the head into blocks, then checkpoints the WAL.
     *
     * <pre>
     * 1. rotate the WAL: segments up to S are closed
     * 2. wait until every commit written to them is applied to the head
     * 3. collect head data before the boundary (still readable)
     * 4. write one block per block-duration range and make it readable
     * 5. drop the collected data from the head (after older queriers finish)
     * 6. checkpoint segments up to S, keeping live series and samples at or after the boundary
     * </pre>
     *
     * Samples before the boundary that arrive during the cut land in later segments and stay in
     * the head for the next cut. Returns false when nothing was cut or a step failed.
     */
    private boolean cut(long boundary, boolean removeIdleSeries) {
        int lastSegment;
        try {
            lastSegment = wal.rotate() - 1;
        } catch (StrataException e) {
            headCutFailures.incrementAndGet();
            LOG.warn("cannot cut the head: {}", e.getMessage());
            return false;
        }
        head.awaitAppliedCommits();
        HeadCut cut = head.prepareCut(boundary);
        if (!cut.isEmpty()) {
            try {
                for (long start : cut.rangeStarts()) {
                    HeadCut.RangeSeries range = cut.range(start);
                    BlockWriter.write(blocks.directory(), start, start + blockMillis, new RangeSource(range),
                            options.files());
                    blocksWritten.incrementAndGet();
                }
                blocks.reload();
            } catch (IOException | RuntimeException e) {
                headCutFailures.incrementAndGet();
                LOG.warn("cannot write blocks for the head before {}; the head keeps the data and the cut is retried",
                        boundary, e);
                return false;
            }
        }
        head.finishCut(cut, READER_WAIT);
        if (removeIdleSeries) {
            head.removeIdleSeries(boundary);
        }
        try {
            wal.checkpoint(lastSegment, new CutCheckpointFilter(head, boundary));
        } catch (IOException | RuntimeException e) {
            // The blocks hold the data; replay will merely re-read samples the blocks already have.
            LOG.warn("cannot checkpoint the WAL through segment {} after a head cut", lastSegment, e);
        }
        headCuts.incrementAndGet();
        return !cut.isEmpty();
    }

    /** Keeps the WAL records a head after a cut at {@code boundary} still needs. */
    private record CutCheckpointFilter(Head head, long boundary) implements CheckpointFilter {
        @Override
        public boolean keepSeries(long ref) {
            return head.hasSeries(ref);
        }

        @Override
        public boolean keepSample(long ref, long timestamp) {
            return timestamp >= boundary && head.hasSeries(ref);
        }

        @Override
        public boolean keepTombstone(long ref, long minTime, long maxTime) {
            return maxTime >= boundary && head.hasSeries(ref);
        }

        @Override
        public boolean keepMetadata(String metricFamily) {
            return true;
        }
    }

    /** One range of a head cut as the block writer reads it. */
    private record RangeSource(HeadCut.RangeSeries range) implements BlockSeriesSource {
        @Override
        public boolean next() {
            return range.next();
        }

        @Override
        public io.strata.model.Labels labels() {
            return range.labels();
        }

        @Override
        public int chunkCount() {
            return range.chunkCount();
        }

        @Override
        public byte[] chunk(int i) {
            return range.chunk(i);
        }
    }

    // ---- introspection ----

    /** Counters and gauges for the server's {@code /metrics}. Walks the head's series. */
    public TsdbMetrics metrics() {
        HeadMetrics h = head.metrics();
        Head.HeadMemory memory = head.memory();
        WalMetrics w = wal.metrics();
        Map<AppendStatus, Long> rejected = new EnumMap<>(AppendStatus.class);
        for (AppendStatus s : AppendStatus.values()) {
            if (s != AppendStatus.OK) {
                rejected.put(s, h.rejected(s));
            }
        }
        return new TsdbMetrics(head.numSeries(), memory.chunkCount(), memory.heapBytes(), memory.mappedChunkBytes(),
                h.samplesAppended(), rejected, h.rejectedAtCommit(), h.commits(), h.failedCommits(),
                h.seriesCreated(), h.seriesRemoved(), w.fsyncs(), w.fsyncNanosTotal() / 1e9, w.fsyncFailures(),
                w.writeFailures(), w.bytesWritten(), headCuts.get(), headCutFailures.get(), blocksWritten.get(),
                compactions.get(), blocksDeleted.get(), blocks.blocks().size(), blocks.sizeBytes(), walBytes(), replaySeconds,
                w.repairs());
    }

    /** The head, for the server's status pages and for tests. */
    public Head head() {
        return head;
    }

    public TsdbOptions options() {
        return options;
    }

    /** Forces an fsync of the WAL now. */
    public void syncWal() {
        try {
            wal.sync();
        } catch (IOException e) {
            throw new StrataException(ErrorCode.UNAVAILABLE, "cannot fsync the WAL in " + options.dataDir() + ": "
                    + e.getMessage(), e);
        }
    }
}
