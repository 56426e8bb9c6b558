package io.strata.bench.query;

import io.strata.bench.write.DurationConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark run: wait for the data, warm up, then measure. Queries go out one at a time, so
 * each latency is that of a server doing nothing else (what a single dashboard panel sees), and
 * the order interleaves the targets:
 *
 * <pre>
 * for each iteration i:
 *   for each query, for each kind (instant, range):
 *     every target once, starting at target (i mod targets)
 * </pre>
 *
 * so noise from the shared machine (a compaction, another process) spreads over all targets
 * instead of landing on whichever ran during it, and no target always runs right after the same
 * other one. Warm-up runs the same way before the measured iterations, so every target's caches
 * of series and chunks are as warm as a dashboard refresh would find them.
 */
final class QueryRun {
    private final QueryConfig config;
    private final QueryClient client;
    private final PrintStream err;
    private final InstantSource clock;

    QueryRun(QueryConfig config, QueryClient client, InstantSource clock, PrintStream err) {
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.err = err;
    }

    QueryReport execute() throws InterruptedException {
        Instant started = clock.instant();
        long deadline = System.nanoTime() + config.maxDuration().toNanos();
        List<Measurement> measurements = new ArrayList<>();
        for (BenchmarkQuery q : config.queries()) {
            for (QueryKind kind : config.kinds()) {
                for (Target t : config.targets()) {
                    measurements.add(new Measurement(q, kind, t));
                }
            }
        }
        List<String> notReady = awaitData(deadline);
        if (!notReady.isEmpty()) {
            return new QueryReport(config, started, measurements, notReady, false);
        }
        err.printf(Locale.ROOT, "measuring %d queries x %d kinds on %d targets: %d warm-up + %d measured runs each (%,d requests at most)%n",
                config.queries().size(), config.kinds().size(), config.targets().size(), config.warmup(), config.iterations(),
                config.plannedRequests());
        boolean complete = runRounds(measurements, config.warmup(), false, deadline)
                && runRounds(measurements, config.iterations(), true, deadline);
        if (!complete) {
            err.printf(Locale.ROOT, "stopped: --max-duration %s reached before every run was done%n",
                    DurationConverter.format(config.maxDuration()));
        }
        return new QueryReport(config, started, measurements, List.of(), complete);
    }

    private List<String> awaitData(long deadline) throws InterruptedException {
        List<String> notReady = new ArrayList<>();
        if (config.awaits().isEmpty()) {
            return notReady;
        }
        Awaiter awaiter = new Awaiter(client, config.window(), err);
        for (Target t : config.targets()) {
            long targetDeadline = System.nanoTime() + config.awaitTimeout().toNanos();
            String problem = awaiter.await(t, config.awaits(), deadline - targetDeadline < 0 ? deadline : targetDeadline);
            if (problem != null) {
                notReady.add(t.name() + ": " + problem + " (--await-timeout " + DurationConverter.format(config.awaitTimeout()) + ")");
            }
        }
        return notReady;
    }

    /** Runs {@code rounds} rounds over every measurement; false when the deadline stopped it. */
    private boolean runRounds(List<Measurement> measurements, int rounds, boolean measured, long deadline)
            throws InterruptedException {
        int targets = config.targets().size();
        long lastProgress = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (int group = 0; group < measurements.size(); group += targets) {
                for (int k = 0; k < targets; k++) {
                    if (System.nanoTime() - deadline >= 0) {
                        return false;
                    }
                    runOnce(measurements.get(group + (round + k) % targets), measured);
                }
            }
            if (System.nanoTime() - lastProgress > Duration.ofSeconds(10).toNanos() || round == rounds - 1) {
                err.printf(Locale.ROOT, "%s round %d of %d done%n", measured ? "measured" : "warm-up", round + 1, rounds);
                lastProgress = System.nanoTime();
            }
        }
        return true;
    }

    private void runOnce(Measurement m, boolean measured) throws InterruptedException {
        URI uri = m.target.uri(m.kind, config.window().params(m.kind, m.query.expr()));
        QueryClient.Timed timed;
        try {
            timed = client.get(uri);
        } catch (IOException e) {
            m.failure("no answer: " + e);
            return;
        }
        var problem = timed.answer().problem(m.kind);
        if (problem.isPresent()) {
            m.failure(problem.get());
        } else {
            m.success(timed, measured);
        }
    }
}
