package io.strata.bench.write;

import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import io.strata.testing.generate.NodeExporterDataset;
import java.io.PrintStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@code strata bench write} run: builds the dataset, plans the requests of every
 * connection, pregenerates them when they fit in memory, sends them while printing progress, and
 * returns the summary.
 *
 * <pre>
 * dataset ─► catalog (labels) ─► shard per connection ─► BatchPlan ─► BatchEncoder ─► body
 *                                                                       │ pregenerated (backfill)
 *                                                                       │ or encoded while sending
 *                                                                       ▼
 *                                           ConnectionSender x N ─► HTTP/1.1 keep-alive ─► receiver
 * </pre>
 */
public final class WriteRun {
    /** Pregenerate only when the estimate takes at most this share of the heap still free. */
    private static final double PREGENERATE_HEAP_SHARE = 0.6;

    private final WriteConfig config;
    private final InstantSource clock;
    private final PrintStream err;
    private final WriteStats stats;

    /** A run of {@code config}; {@code err} gets the progress lines. Call {@link #execute()} once. */
    public WriteRun(WriteConfig config, InstantSource clock, PrintStream err) {
        this.config = config;
        this.clock = clock;
        this.err = err;
        this.stats = new WriteStats(err);
    }

    /**
     * Samples the receiver has accepted so far. Safe to call from any thread while
     * {@link #execute()} runs: the compare harness samples it every second for its ingest chart.
     */
    public long acceptedSamples() {
        return stats.samplesSent.sum();
    }

    /** Sends everything the config plans and returns the summary; blocks until done. */
    public WriteSummary execute() throws InterruptedException {
        NodeExporterDataset dataset = new NodeExporterDataset(config.hosts(), config.seed());
        err.printf(Locale.ROOT, "dataset: %s hosts x %d series = %s series (node_exporter-like, seed %d)%n",
                Numbers.count(config.hosts()), NodeExporterDataset.SERIES_PER_HOST, Numbers.count(dataset.seriesCount()), config.seed());
        SeriesCatalog catalog = new SeriesCatalog(dataset);
        ShardLayout layout = new ShardLayout(dataset.seriesCount(), config.connections());
        int shards = layout.shards();
        long interval = config.interval().toMillis();
        long steps = config.steps();
        long first;
        if (config.isBackfill()) {
            long last = config.end() != null ? config.end().toEpochMilli() : Math.floorDiv(clock.millis(), interval) * interval;
            first = last - (steps - 1) * interval;
        } else {
            // The next interval boundary: ticks then fall on round times, and the first one is not late.
            first = Math.floorDiv(clock.millis(), interval) * interval + interval;
        }
        long last = first + (steps - 1) * interval;

        BatchPlan[] plans = new BatchPlan[shards];
        BatchEncoder[] encoders = new BatchEncoder[shards];
        long requests = 0;
        for (int i = 0; i < shards; i++) {
            int batch = config.isBackfill() ? config.batchSamples() : Math.min(config.batchSamples(), layout.size(i));
            plans[i] = new BatchPlan(layout.firstSeries(i), layout.size(i), steps, batch);
            encoders[i] = new BatchEncoder(catalog, config.protocol(), first, interval);
            requests += plans[i].requests();
        }
        err.printf(Locale.ROOT, "%s: %s samples per series from %s to %s, %s samples in %s requests over %d connections to %s%n",
                config.isBackfill() ? "backfill" : "live", Numbers.count(steps), Instant.ofEpochMilli(first), Instant.ofEpochMilli(last),
                Numbers.count(config.plannedSamples()), Numbers.count(requests), shards, config.url());

        RequestSource[] sources = new RequestSource[shards];
        boolean pregenerated = config.isBackfill() && config.pregenerate() && pregenerationFits(plans[0], catalog, first, interval);
        double pregenerateSeconds = 0;
        if (pregenerated) {
            long start = System.nanoTime();
            PregeneratedRequests[] generated = pregenerate(plans, encoders);
            pregenerateSeconds = (System.nanoTime() - start) / 1e9;
            long compressed = 0;
            for (int i = 0; i < shards; i++) {
                sources[i] = generated[i];
                compressed += generated[i].compressedBytes();
            }
            err.printf(Locale.ROOT, "pregenerated %s requests in %s: %s compressed held in memory (%s raw protobuf)%n",
                    Numbers.count(requests), Numbers.seconds(pregenerateSeconds), Numbers.bytes(compressed), Numbers.bytes(rawBytes(encoders)));
        } else {
            for (int i = 0; i < shards; i++) {
                sources[i] = config.isBackfill()
                        ? new StreamingRequests(plans[i], encoders[i])
                        : new LiveRequests(plans[i], encoders[i], clock, first, interval, stats);
            }
        }

        AtomicLong budget = new AtomicLong(config.maxRequests());
        SkewGate gate = config.isBackfill() ? new SkewGate(shards, first, config.maxSkew().toMillis()) : null;
        List<ConnectionSender> senders = new ArrayList<>();
        long start;
        long elapsedNanos;
        ProgressReporter progress = new ProgressReporter(stats, err, config.progressInterval().toMillis(), config.plannedSamples());
        try (RemoteWriteHttpClient client = new RemoteWriteHttpClient(config.url(), config.protocol(), config.headers(), config.timeout())) {
            List<Thread> threads = new ArrayList<>();
            start = System.nanoTime();
            for (int i = 0; i < shards; i++) {
                ConnectionSender sender = new ConnectionSender(i, sources[i], client, stats, gate, budget, config.maxRetries(),
                        config.protocol() == Version.V2);
                senders.add(sender);
                threads.add(Thread.ofPlatform().name("bench-sender-" + i).start(sender));
            }
            for (Thread t : threads) {
                t.join();
            }
            elapsedNanos = System.nanoTime() - start;
        } finally {
            progress.stop();
        }
        LatencyHistogram latencies = new LatencyHistogram();
        for (ConnectionSender s : senders) {
            latencies.add(s.latencies());
            if (s.failure() != null) {
                throw new IllegalStateException("BUG: a sender stopped unexpectedly: " + s.failure(), s.failure());
            }
        }
        double seconds = elapsedNanos / 1e9;
        if (!config.isBackfill()) {
            // A live run lasts its duration even when every tick was sent quickly.
            seconds = Math.max(seconds, steps * interval / 1000.0);
        }
        long samples = stats.samplesSent.sum();
        long sentRequests = stats.requestsSent.sum();
        return new WriteSummary(
                config.isBackfill() ? "backfill" : "live",
                config.url().toString(),
                config.protocol() == Version.V1 ? 1 : 2,
                config.hosts(),
                dataset.seriesCount(),
                interval,
                shards,
                config.batchSamples(),
                first,
                last,
                config.plannedSamples(),
                samples,
                sentRequests,
                stats.failedRequests.sum(),
                stats.failedSamples.sum(),
                stats.unconfirmedSamples.sum(),
                stats.retries.sum(),
                stats.bytesSent.sum(),
                seconds,
                samples / seconds,
                sentRequests / seconds,
                WriteSummary.Latency.of(latencies),
                stats.errorsByStatus(),
                pregenerated,
                pregenerateSeconds,
                rawBytes(encoders),
                config.isBackfill() ? 0 : dataset.seriesCount() * 1000.0 / interval,
                stats.lateTicks.sum(),
                budget.get() < 0);
    }

    /** Estimates the pregenerated bytes from a sample request and compares them with the free heap. */
    private boolean pregenerationFits(BatchPlan plan, SeriesCatalog catalog, long first, long interval) {
        if (plan.requests() == 0) {
            return true;
        }
        EncodedRequest probe = new BatchEncoder(catalog, config.protocol(), first, interval).encode(plan.batch(0));
        double bytesPerSample = (double) probe.length() / probe.samples();
        long estimate = (long) (bytesPerSample * config.plannedSamples() * 1.1);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (estimate > free * PREGENERATE_HEAP_SHARE) {
            err.printf(Locale.ROOT, "not pregenerating: the requests would take about %s, more than %.0f%% of the %s of heap left; "
                    + "encoding while sending instead (give the JVM more heap with STRATA_JAVA_OPTS=-Xmx..., or send fewer --hours)%n",
                    Numbers.bytes(estimate), PREGENERATE_HEAP_SHARE * 100, Numbers.bytes(free));
            return false;
        }
        return true;
    }

    /** Encodes every shard's requests on a pool sized to the cores, one shard per task. */
    private static PregeneratedRequests[] pregenerate(BatchPlan[] plans, BatchEncoder[] encoders) throws InterruptedException {
        int threads = Math.max(1, Math.min(plans.length, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("bench-pregenerate-", 0).factory());
        try {
            List<Future<PregeneratedRequests>> futures = new ArrayList<>();
            for (int i = 0; i < plans.length; i++) {
                BatchPlan plan = plans[i];
                BatchEncoder encoder = encoders[i];
                futures.add(pool.submit(() -> PregeneratedRequests.generate(plan, encoder)));
            }
            PregeneratedRequests[] result = new PregeneratedRequests[plans.length];
            for (int i = 0; i < result.length; i++) {
                try {
                    result[i] = futures.get(i).get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("pregenerating the requests of connection " + i + " failed: " + e.getCause(), e.getCause());
                }
            }
            return result;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long rawBytes(BatchEncoder[] encoders) {
        long n = 0;
        for (BatchEncoder e : encoders) {
            n += e.rawBytes();
        }
        return n;
    }
}
