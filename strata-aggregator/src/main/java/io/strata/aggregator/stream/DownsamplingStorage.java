package io.strata.aggregator.stream;

import io.strata.model.Matcher;
import io.strata.model.MetricMetadata;
import io.strata.storage.Appender;
import io.strata.storage.CardinalityStats;
import io.strata.storage.Health;
import io.strata.storage.Querier;
import io.strata.storage.Storage;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw store plus streaming aggregation into the aggregated namespaces: what ingest writes to
 * when namespaces are configured. Each append goes to the raw store (unless a drop rule keeps the
 * series out of it); once the raw commit succeeded, the samples are added to their windows, and
 * the windows they close are written to their namespaces.
 *
 * <p>Durability: a window's inputs are in the raw store (its WAL) before they are aggregated, and
 * a written window is in its namespace's WAL. Series that a drop rule keeps out of the raw store
 * but that feed windows go to the <em>input store</em> instead, a short-lived TSDB no query reads,
 * so they are durable too. After a restart {@link WindowRecovery} rebuilds the open windows from
 * both, resuming each output after the last window its namespace holds, so no window is lost or
 * written twice.
 *
 * <p>Reads, metadata and administration go to the raw store; the query layer picks aggregated
 * namespaces itself. Thread-safe.
 */
public final class DownsamplingStorage implements Storage {
    private static final Logger LOG = LoggerFactory.getLogger(DownsamplingStorage.class);
    private static final long SWEEP_INTERVAL_MILLIS = 10_000;

    private final Storage raw;
    private final Storage input;
    private final InstantSource clock;
    private final SeriesTable table = new SeriesTable();
    private final TargetRegistry targets = new TargetRegistry();
    private final AggregatorMetrics metrics = new AggregatorMetrics();
    private final ScheduledExecutorService sweeper;
    private final java.util.concurrent.ConcurrentLinkedQueue<PendingSamples> pendingPool =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile AggregationSetup setup;
    private volatile boolean closed;

    /**
     * @param raw the raw namespace's store; owned from now on (closed by {@link #close()})
     * @param input where series kept out of raw but aggregated are made durable (owned too); its
     *     retention need only cover the longest window plus its lateness
     * @param setup the aggregated namespaces (owned too) and the router
     * @param sweep whether to start the thread that writes the windows of series gone quiet
     */
    public DownsamplingStorage(Storage raw, Storage input, AggregationSetup setup, InstantSource clock, boolean sweep) {
        this.raw = raw;
        this.input = input;
        this.setup = setup;
        this.clock = clock;
        this.sweeper = sweep ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-aggregator-sweep");
            t.setDaemon(true);
            return t;
        }) : null;
        if (sweeper != null) {
            sweeper.scheduleWithFixedDelay(this::sweepSafely, SWEEP_INTERVAL_MILLIS, SWEEP_INTERVAL_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    public Storage raw() {
        return raw;
    }

    /** The store of aggregated series that drop rules keep out of raw. */
    public Storage input() {
        return input;
    }

    public AggregationSetup setup() {
        return setup;
    }

    public AggregatorMetrics metrics() {
        return metrics;
    }

    /** Input series the aggregator tracks now. */
    public int trackedSeries() {
        return table.size();
    }

    InstantSource clock() {
        return clock;
    }

    SeriesTable table() {
        return table;
    }

    @Override
    public Appender appender() {
        return new DownsamplingAppender(this, raw.appender(), input);
    }

    /**
     * Switches to a new setup (a reload). Every tracked series gets its targets under the new rules
     * now; windows of targets that went away are written as they stand. Namespaces the new setup
     * no longer has are left to the caller to close, after this returns.
     */
    public void reconfigure(AggregationSetup next) {
        AggregationSetup previous = this.setup;
        this.setup = next;
        EmitBuffer out = new EmitBuffer(metrics);
        for (SeriesEntry e : table.entries()) {
            targets(e, next, out);
        }
        targets.dropGroupsOutside(next, out);
        out.flush();
        LOG.info("aggregation setup {} replaces {}: namespaces {}", next.generation(), previous.generation(),
                next.namespaces().keySet());
    }

    /** The entry's targets under {@code current}; see {@link TargetRegistry#targets}. */
    SeriesTargets targets(SeriesEntry e, AggregationSetup current, WindowOutput removedTargets) {
        return targets.targets(e, current, removedTargets);
    }

    PendingSamples takePending() {
        PendingSamples p = pendingPool.poll();
        return p != null ? p : new PendingSamples();
    }

    void returnPending(PendingSamples p) {
        p.clear();
        if (p.times.length <= PendingSamples.MAX_POOLED && pendingPool.size() < 64) {
            pendingPool.offer(p);
        }
    }

    /** Adds one committed sample of {@code e} to its windows. */
    void aggregate(SeriesTargets t, long time, double value, long wallMillis, WindowOutput out) {
        boolean counted = false;
        for (MappingWindows w : t.mappings()) {
            if (w.add(time, value, wallMillis, out)) {
                counted = true;
            } else {
                metrics.samplesTooLate.increment();
            }
        }
        for (RollupInput in : t.rollups()) {
            if (in.add(time, value, wallMillis, out)) {
                counted = true;
            } else {
                metrics.samplesTooLate.increment();
            }
        }
        if (counted) {
            metrics.samplesAggregated.increment();
        }
    }

    /**
     * Writes the windows of outputs that got no sample for a while (their series stopped), and
     * forgets series idle for long. Runs on the sweep thread; callable directly in tests.
     */
    public void sweepIdle() {
        long now = clock.millis();
        EmitBuffer out = new EmitBuffer(metrics);
        long forgetAfter = 0;
        for (AggregatedNamespace ns : setup.namespaces().values()) {
            forgetAfter = Math.max(forgetAfter, 2 * (ns.resolutionMillis() + ns.latenessMillis()));
        }
        for (SeriesEntry e : table.entries()) {
            SeriesTargets t = e.targets;
            if (t == null) {
                continue;
            }
            boolean open = false;
            for (MappingWindows w : t.mappings()) {
                if (now - w.lastWallMillis() >= idleMillis(w.namespace())) {
                    w.flushOpen(out);
                }
                open |= w.hasOpenWindows();
            }
            if (!open && t.rollups().length == 0 && now - e.lastWallMillis > forgetAfter) {
                table.remove(e);
            }
        }
        for (RollupGroup g : targets.groups()) {
            if (now - g.lastWallMillis() >= idleMillis(g.namespace())) {
                g.flushOpen(out);
            }
        }
        out.flush();
    }

    /** How long an output waits for its next sample before its windows are written anyway. */
    static long idleMillis(AggregatedNamespace ns) {
        return Math.max(ns.resolutionMillis(), 2 * ns.latenessMillis()) + ns.latenessMillis();
    }

    private void sweepSafely() {
        try {
            if (!closed) {
                sweepIdle();
            }
        } catch (RuntimeException e) {
            LOG.warn("the aggregator's idle sweep failed", e);
        }
    }

    @Override
    public Querier querier(long minTime, long maxTime) {
        return raw.querier(minTime, maxTime);
    }

    @Override
    public Map<String, List<MetricMetadata>> metadata(String metric, int limit) {
        return raw.metadata(metric, limit);
    }

    @Override
    public void deleteSeries(List<Matcher> matchers, long minTime, long maxTime) {
        raw.deleteSeries(matchers, minTime, maxTime);
        for (AggregatedNamespace ns : setup.namespaces().values()) {
            ns.storage().deleteSeries(matchers, minTime, maxTime);
        }
    }

    @Override
    public void flushHead() {
        raw.flushHead();
        for (AggregatedNamespace ns : setup.namespaces().values()) {
            ns.storage().flushHead();
        }
    }

    @Override
    public int compactNow() {
        int merges = raw.compactNow();
        for (AggregatedNamespace ns : setup.namespaces().values()) {
            merges += ns.storage().compactNow();
        }
        return merges;
    }

    @Override
    public CardinalityStats cardinality(int topN) {
        return raw.cardinality(topN);
    }

    @Override
    public Health health() {
        return raw.health();
    }

    /**
     * Stops the sweep and closes every store. Open windows are not written: they are incomplete,
     * and the next start rebuilds them from the raw store.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        RuntimeException failure = null;
        for (AggregatedNamespace ns : setup.namespaces().values()) {
            try {
                ns.storage().close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        try {
            input.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        raw.close();
        if (failure != null) {
            throw failure;
        }
    }
}
