package io.strata.bench.compare;

import io.strata.testing.generate.NodeExporterDataset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one {@code strata bench compare} needs, validated.
 *
 * @param servers Strata first, then the peers
 * @param workDir where data directories and logs go; {@code null} for a fresh temporary directory
 * @param launcher the {@code strata} launcher script that starts Strata's server
 * @param settle idle time before the RSS readings (three, evenly spread over it)
 * @param commandLine the command as typed, for the report
 */
record CompareConfig(
        List<ServerKind> servers,
        int hosts,
        double hours,
        int runs,
        Path outMarkdown,
        Path outJson,
        Path chartsDir,
        Path workDir,
        Duration liveDuration,
        int queryIterations,
        int queryWarmup,
        int portBase,
        Duration settle,
        Duration visibilityTimeout,
        int connections,
        Path launcher,
        String commandLine) {

    /** Time between two samples of a series: the load generator's default, node_exporter's usual scrape. */
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final int MAX_RUNS = 20;
    /** Ports the brief reserves for this harness: 18100-18199. */
    static final int MIN_PORT = 1024;

    CompareConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(outMarkdown, "outMarkdown");
        Objects.requireNonNull(outJson, "outJson");
        Objects.requireNonNull(chartsDir, "chartsDir");
        Objects.requireNonNull(launcher, "launcher");
        check(hosts >= 1 && hosts <= NodeExporterDataset.MAX_HOSTS, "--hosts", hosts, "between 1 and " + NodeExporterDataset.MAX_HOSTS);
        check(hours > 0 && hours <= 24, "--hours", hours, "more than 0 and at most 24");
        check(hours * 3600 >= 2 * INTERVAL.toSeconds(), "--hours", hours, "at least two sample intervals (20 s, 0.0056 h)");
        check(runs >= 1 && runs <= MAX_RUNS, "--runs", runs, "between 1 and " + MAX_RUNS);
        check(liveDuration.toSeconds() >= INTERVAL.toSeconds() && liveDuration.toMinutes() <= 60, "--live-duration",
                liveDuration, "between 10s and 60m");
        check(queryIterations >= 1 && queryIterations <= 1000, "--query-iterations", queryIterations, "between 1 and 1000");
        check(queryWarmup >= 0 && queryWarmup <= 100, "--query-warmup", queryWarmup, "between 0 and 100");
        check(portBase >= MIN_PORT && portBase + ServerKind.values().length <= 65535, "--port-base", portBase,
                "between " + MIN_PORT + " and " + (65535 - ServerKind.values().length));
        check(!settle.isNegative() && settle.toMinutes() <= 10, "--settle", settle, "between 0s and 10m");
        check(visibilityTimeout.toMillis() >= 100 && visibilityTimeout.toSeconds() <= 60, "--visibility-timeout", visibilityTimeout,
                "between 100ms and 60s");
        check(connections >= 1 && connections <= 64, "--connections", connections, "between 1 and 64");
    }

    private static void check(boolean ok, String flag, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(flag + " must be " + rule + " [value=" + value + "]");
        }
    }

    int series() {
        return hosts * NodeExporterDataset.SERIES_PER_HOST;
    }

    Duration backfill() {
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }

    /** Port of a server: one per kind, so a server that lingers cannot be mistaken for the next one. */
    int port(ServerKind kind) {
        return portBase + kind.ordinal();
    }

    /** The peers, without Strata. */
    List<ServerKind> peers() {
        return servers.subList(1, servers.size());
    }
}
