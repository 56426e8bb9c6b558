package io.strata.bench.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs every round: for each run, each server in turn, strictly one at a time (a round stops
 * its server before the next starts), with the order rotated between runs so that no server
 * always runs first on a cool machine or right after the same other one.
 */
final class CompareRun {
    private final CompareConfig config;
    private final Path workDir;
    private final PrintStream log;

    CompareRun(CompareConfig config, Path workDir, PrintStream log) {
        this.config = config;
        this.workDir = workDir;
        this.log = log;
    }

    /** The servers of run {@code run} (1-based), in the order they run. */
    static List<ServerKind> order(List<ServerKind> servers, int run) {
        List<ServerKind> order = new ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) {
            order.add(servers.get((i + run - 1) % servers.size()));
        }
        return order;
    }

    /** Runs all rounds with identical data ending at {@code lastSample}; results in the order they ran. */
    List<RoundResult> execute(Instant lastSample) throws IOException, InterruptedException {
        Round round = new Round(config, lastSample, log);
        List<RoundResult> results = new ArrayList<>();
        for (int run = 1; run <= config.runs(); run++) {
            for (ServerKind kind : order(config.servers(), run)) {
                log.printf(Locale.ROOT, "run %d of %d: %s%n", run, config.runs(), kind.id());
                Path dataDir = workDir.resolve(kind.id() + "-run" + run);
                results.add(round.run(server(kind, dataDir), run));
                deleteTree(dataDir);
            }
        }
        return results;
    }

    private ServerProcess server(ServerKind kind, Path dataDir) {
        int port = config.port(kind);
        return switch (kind) {
            case STRATA -> new StrataServer(config.launcher(), dataDir, port);
            case PROMETHEUS -> new PrometheusServer(dataDir, port);
            case VICTORIAMETRICS -> new VictoriaMetricsServer(dataDir, port, config.series());
        };
    }

    /** Deletes a data directory: a full run would otherwise leave gigabytes behind. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
