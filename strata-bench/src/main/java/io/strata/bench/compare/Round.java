package io.strata.bench.compare;

import io.strata.bench.query.AwaitCondition;
import io.strata.bench.query.QueryBenchmark;
import io.strata.bench.query.QueryConfig;
import io.strata.bench.query.QueryKind;
import io.strata.bench.query.QuerySuite;
import io.strata.bench.query.QueryWindow;
import io.strata.bench.query.Target;
import io.strata.bench.write.VisibilityProbe;
import io.strata.bench.write.WriteConfig;
import io.strata.bench.write.WriteRun;
import io.strata.bench.write.WriteSummary;
import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One round: one server, on a fresh data directory, through every workload phase in turn.
 *
 * <pre>
 * start ─► backfill ─► live ingest + visibility probes ─► settle, RSS ─► queries ─► flush, disk ─► kill -9, restart
 * </pre>
 *
 * A phase that fails is recorded as a problem and ends the round (later phases need the earlier
 * ones' data); the server is always stopped.
 */
final class Round {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration QUERY_STEP = Duration.ofSeconds(60);
    private static final Duration QUERY_RANGE = Duration.ofHours(1);
    /** Disk sizes are read once this long without change: merges run in the background after a flush. */
    private static final int DISK_STABLE_POLLS = 3;
    private static final int DISK_MAX_POLLS = 180;
    private static final int MAX_VISIBILITY_PROBES = 1_000;
    private static final long MAX_REQUESTS = 10_000_000;
    /** Series of {@code node_cpu_seconds_total} per host in the dataset: 4 CPUs x 8 modes. */
    private static final int CPU_SERIES_PER_HOST = 32;

    private final CompareConfig config;
    private final Instant lastSample;
    private final PrintStream log;
    private final ProcStats proc = new ProcStats();

    /**
     * @param lastSample time of the backfill's last sample, the same for every round so every server gets identical data
     * @param log progress lines
     */
    Round(CompareConfig config, Instant lastSample, PrintStream log) {
        this.config = config;
        this.lastSample = lastSample;
        this.log = log;
    }

    /** The query evaluation time: a few seconds after the last sample, off the samples' grid (see docs/bench-compare.md). */
    static Instant queryTime(Instant lastSample) {
        return lastSample.plusSeconds(7);
    }

    RoundResult run(ServerProcess server, int run) throws InterruptedException {
        RoundResult r = new RoundResult(server.kind(), run);
        String phase = "start";
        try (server) {
            long t = System.nanoTime();
            server.start(READY_TIMEOUT);
            t = phaseDone(r, phase, t);
            phase = "backfill";
            long backfilled = backfill(server, r);
            t = phaseDone(r, phase, t);
            phase = "live";
            long live = live(server, r);
            t = phaseDone(r, phase, t);
            phase = "settle";
            rss(server, r);
            t = phaseDone(r, phase, t);
            phase = "queries";
            queries(server, r);
            t = phaseDone(r, phase, t);
            phase = "disk";
            disk(server, r, backfilled + live);
            t = phaseDone(r, phase, t);
            phase = "restart";
            restart(server, r);
            phaseDone(r, phase, t);
        } catch (IOException | RuntimeException e) {
            r.problem(phase + ": " + e.getMessage());
            log.printf(Locale.ROOT, "  %s run %d: %s failed: %s%n", server.kind().id(), run, phase, e.getMessage());
        }
        return r;
    }

    private long phaseDone(RoundResult r, String phase, long startNanos) {
        long now = System.nanoTime();
        double seconds = (now - startNanos) / 1e9;
        r.phase(phase, seconds);
        log.printf(Locale.ROOT, "  %s run %d: %s done in %.1f s%n", r.server().id(), r.run(), phase, seconds);
        return now;
    }

    /** Backfills the fixed dataset; returns the samples accepted. */
    private long backfill(ServerProcess server, RoundResult r) throws IOException, InterruptedException {
        WriteConfig wc = new WriteConfig(writeUrl(server), config.hosts(), CompareConfig.INTERVAL, config.backfill(), null,
                lastSample, config.connections(), 10_000, Version.V1, 1, true, MAX_REQUESTS, 10, Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofMinutes(10), null, Map.of());
        WriteRun write = new WriteRun(wc, InstantSource.system(), log);
        double cpu0 = proc.cpuSeconds(server.pid());
        WriteSummary s;
        try (IngestSampler sampler = new IngestSampler(write::acceptedSamples)) {
            s = write.execute();
            r.ingestTimeline(sampler.stop());
        }
        double cpu = proc.cpuSeconds(server.pid()) - cpu0;
        if (!s.complete()) {
            throw new IOException(String.format(Locale.ROOT, "%,d of %,d samples accepted (errors %s)", s.samples(),
                    s.plannedSamples(), s.errorsByStatus()));
        }
        r.value(Figure.INGEST_RATE, s.samplesPerSecond());
        r.value(Figure.INGEST_CPU, cpu / (s.samples() / 1e6));
        r.value(Figure.INGEST_P50, s.latency().p50());
        r.value(Figure.INGEST_P99, s.latency().p99());
        return s.samples();
    }

    /** Live ingest at the generator's fixed rate while visibility probes run; returns the samples accepted. */
    private long live(ServerProcess server, RoundResult r) throws IOException, InterruptedException {
        WriteConfig wc = new WriteConfig(writeUrl(server), config.hosts(), CompareConfig.INTERVAL, null, config.liveDuration(),
                null, config.connections(), 10_000, Version.V1, 1, false, MAX_REQUESTS, 10, Duration.ofSeconds(30),
                Duration.ofSeconds(60), Duration.ofMinutes(10), null, Map.of());
        WriteRun write = new WriteRun(wc, InstantSource.system(), log);
        WriteSummary[] summary = new WriteSummary[1];
        Throwable[] failure = new Throwable[1];
        long start = System.nanoTime();
        double cpu0 = proc.cpuSeconds(server.pid());
        Thread writer = Thread.ofPlatform().name("bench-compare-live").start(() -> {
            try {
                summary[0] = write.execute();
            } catch (InterruptedException | RuntimeException e) {
                failure[0] = e;
            }
        });
        VisibilityProbe.Result visibility;
        try {
            // Probes stop with the live load, so they measure visibility under it.
            visibility = new VisibilityProbe(server.baseUrl(), "/api/v1/write", "series", config.visibilityTimeout())
                    .run(MAX_VISIBILITY_PROBES, start + config.liveDuration().toNanos());
        } finally {
            writer.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = proc.cpuSeconds(server.pid()) - cpu0;
        if (failure[0] != null) {
            throw new IOException("live load generator failed: " + failure[0], failure[0]);
        }
        WriteSummary s = summary[0];
        if (!s.complete()) {
            throw new IOException(String.format(Locale.ROOT, "live: %,d of %,d samples accepted (errors %s)", s.samples(),
                    s.plannedSamples(), s.errorsByStatus()));
        }
        double rate = s.samples() / wall;
        r.value(Figure.LIVE_CPU, 100 * (cpu / wall) / (rate / 100_000));
        String timeout = config.visibilityTimeout().toMillis() + " ms";
        if (visibility.visible() == 0) {
            String why = "not visible within " + timeout + " (" + visibility.probes() + " probes)";
            r.outcome(Figure.VISIBILITY_P50, why);
            r.outcome(Figure.VISIBILITY_P99, why);
        } else {
            r.value(Figure.VISIBILITY_P50, visibility.p50Ms());
            r.value(Figure.VISIBILITY_P99, visibility.p99Ms());
            if (visibility.notVisible() > 0) {
                String why = visibility.notVisible() + " of " + visibility.probes() + " probes not visible within " + timeout;
                r.outcome(Figure.VISIBILITY_P50, why);
                r.outcome(Figure.VISIBILITY_P99, why);
            }
        }
        return s.samples();
    }

    /** Idles for the settle time and takes the median of three RSS readings spread over it. */
    private void rss(ServerProcess server, RoundResult r) throws IOException, InterruptedException {
        long[] readings = new long[3];
        for (int i = 0; i < readings.length; i++) {
            Thread.sleep(config.settle().toMillis() / readings.length);
            readings[i] = proc.rssBytes(server.pid());
        }
        Arrays.sort(readings);
        r.value(Figure.RSS_PER_SERIES, readings[1] / (double) config.series());
    }

    private void queries(ServerProcess server, RoundResult r) throws IOException, InterruptedException {
        Duration range = QUERY_RANGE.compareTo(config.backfill()) <= 0 ? QUERY_RANGE
                : Duration.ofMillis(Math.max(1, config.backfill().toMillis() / QUERY_STEP.toMillis()) * QUERY_STEP.toMillis());
        QueryWindow window = new QueryWindow(queryTime(lastSample), range, QUERY_STEP);
        Target target = new Target(server.kind().id(), server.baseUrl(), server.queryParams());
        QueryConfig qc = new QueryConfig(List.of(target), QuerySuite.STANDARD, List.of(QueryKind.INSTANT, QueryKind.RANGE), window,
                config.queryWarmup(), config.queryIterations(), Duration.ofSeconds(60), Duration.ofMinutes(15),
                awaits(), Duration.ofMinutes(5), null, null, Map.of());
        QueryBenchmark.Outcome outcome = QueryBenchmark.run(qc, log);
        r.queries(outcome.latencies());
        if (!outcome.ok()) {
            throw new IOException("queries: " + String.join("; ", outcome.problems()));
        }
    }

    /**
     * Measuring starts once the server holds every series at the query time and every sample of
     * {@code node_cpu_seconds_total} (32 series a host, in every connection's share) over the
     * backfill: a server may acknowledge writes before they are searchable, and a query over
     * half-loaded data would be both fast and wrong. The live phase's samples lie after the query
     * time and do not count.
     */
    private List<AwaitCondition> awaits() {
        long steps = config.backfill().toMillis() / CompareConfig.INTERVAL.toMillis();
        return List.of(
                new AwaitCondition("count({job=\"node\"})", config.series()),
                new AwaitCondition("sum(count_over_time(node_cpu_seconds_total[" + config.backfill().toMillis() + "ms]))",
                        (double) config.hosts() * CPU_SERIES_PER_HOST * steps));
    }

    private void disk(ServerProcess server, RoundResult r, long samples) throws IOException, InterruptedException {
        server.flush();
        long previous = -1;
        int stable = 0;
        for (int i = 0; i < DISK_MAX_POLLS && stable < DISK_STABLE_POLLS; i++) {
            Thread.sleep(1_000);
            long now = server.diskUsage().total();
            stable = now == previous ? stable + 1 : 0;
            previous = now;
        }
        DiskUsage d = server.diskUsage();
        r.value(Figure.DATA_BYTES, d.data() / (double) samples);
        r.value(Figure.INDEX_BYTES, d.index() / (double) samples);
        r.value(Figure.TOTAL_BYTES, d.total() / (double) samples);
    }

    private void restart(ServerProcess server, RoundResult r) throws IOException, InterruptedException {
        server.kill();
        long start = System.nanoTime();
        server.start(READY_TIMEOUT);
        r.value(Figure.RESTART, (System.nanoTime() - start) / 1e9);
    }

    private static URI writeUrl(ServerProcess server) {
        return server.baseUrl().resolve("/api/v1/write");
    }
}
