package io.strata.bench.compare;

import io.strata.bench.write.DurationConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code strata bench compare}: Strata against Prometheus and VictoriaMetrics, one command. See docs/bench-compare.md. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start Strata and each peer in turn on 127.0.0.1 with fresh data directories, run the same workloads on each "
                    + "(backfill, live ingest with visibility probes, RSS, the query list, bytes on disk, restart), repeat, "
                    + "and write the comparison to a markdown report, a JSON file and PNG charts.",
            "Exit code 0 when every round completed with every figure, 1 otherwise, 2 for bad flags."
        })
public final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hosts", defaultValue = "1000", description = "Hosts to simulate, 100 series each (default: ${DEFAULT-VALUE})")
    int hosts;

    @Option(names = "--hours", defaultValue = "1", description = "Hours of data to backfill, decimals allowed (default: ${DEFAULT-VALUE})")
    double hours;

    @Option(names = "--peers", defaultValue = "prometheus,victoriametrics",
            description = "Peers to compare with, comma separated; empty for Strata alone (default: ${DEFAULT-VALUE})")
    String peers;

    @Option(names = "--runs", defaultValue = "3", description = "Rounds per server; the report warns below 3 (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--out-md", defaultValue = "docs/benchmarks.md", description = "Markdown report whose generated section is rewritten (default: ${DEFAULT-VALUE})")
    Path outMarkdown;

    @Option(names = "--out-json", description = "JSON report (default: beside --out-md, same name with .json)")
    Path outJson;

    @Option(names = "--charts-dir", description = "Directory of the PNG charts (default: beside --out-md, its name without .md)")
    Path chartsDir;

    @Option(names = "--work-dir", description = "Data directories and server logs (default: a fresh bench-compare-* temporary directory)")
    Path workDir;

    // 20 s live and 30 s settle keep 3 servers x 3 runs of 100k series under 30 minutes on 2 cores.
    // The settle must outlast Strata's idle collection (every 10 s without one) and the 5 s after
    // which unused heap is uncommitted: the middle reading, at 20 s, is taken after both.
    @Option(names = "--live-duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "Live ingest phase, while visibility probes run (default: ${DEFAULT-VALUE})")
    Duration liveDuration;

    @Option(names = "--query-iterations", defaultValue = "5", description = "Measured runs of every query per round (default: ${DEFAULT-VALUE})")
    int queryIterations;

    @Option(names = "--query-warmup", defaultValue = "1", description = "Unmeasured runs of every query first (default: ${DEFAULT-VALUE})")
    int queryWarmup;

    @Option(names = "--port-base", defaultValue = "18100", description = "Servers listen on 127.0.0.1 at this port and the next two (default: ${DEFAULT-VALUE})")
    int portBase;

    @Option(names = "--settle", defaultValue = "30s", converter = DurationConverter.class,
            description = "Idle time after live ingest over which three RSS readings are taken (default: ${DEFAULT-VALUE})")
    Duration settle;

    @Option(names = "--visibility-timeout", defaultValue = "5s", converter = DurationConverter.class,
            description = "A probe's series not seen within this is reported as not visible (default: ${DEFAULT-VALUE})")
    Duration visibilityTimeout;

    @Option(names = "--connections", defaultValue = "4", description = "Load generator connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--strata", defaultValue = "./strata", description = "The Strata launcher script (default: ${DEFAULT-VALUE})")
    Path launcher;

    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Tests read the table and the progress lines. */
    CompareCommand withOutput(PrintStream tableOut, PrintStream progressErr) {
        this.out = tableOut;
        this.err = progressErr;
        return this;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        CompareConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        System.setProperty("java.awt.headless", "true");
        PeerPackages.ensureInstalled(config.servers(), err);
        boolean temporary = config.workDir() == null;
        Path work = temporary ? Files.createTempDirectory("bench-compare-") : Files.createDirectories(config.workDir());
        // One fixed end for the whole compare, so every round sends byte-identical data; whole
        // minutes minus 7 s keep the queries' window edges off the samples' grid (docs/bench-compare.md).
        Instant lastSample = Instant.ofEpochSecond(Math.floorDiv(Instant.now().getEpochSecond(), 60) * 60 - 7);
        Path repoRoot = config.launcher().toAbsolutePath().getParent();
        RunContext context = RunContext.gather(config, lastSample, repoRoot);
        err.printf(Locale.ROOT, "compare: %s, %,d series, %s h, %d runs; work directory %s%n",
                config.servers().stream().map(ServerKind::id).toList(), config.series(), Numbers.value(config.hours()), config.runs(), work);
        List<RoundResult> rounds = new CompareRun(config, work, err).execute(lastSample);
        CompareResults results = new CompareResults(config.servers(), config.runs(), rounds);

        List<Path> charts = ReportCharts.write(results, config.chartsDir());
        MarkdownReport markdown = new MarkdownReport(context, results);
        ReportFile.write(config.outMarkdown(), markdown.render(config.outMarkdown(), charts));
        Files.createDirectories(config.outJson().toAbsolutePath().getParent());
        Files.writeString(config.outJson(), JsonReport.render(context, results));

        out.println();
        out.print(markdown.figureTable());
        out.printf(Locale.ROOT, "%nreport: %s, %s, charts in %s (all rounds: %.1f min)%n", config.outMarkdown(), config.outJson(),
                config.chartsDir(), results.totalSeconds() / 60);
        if (!results.complete()) {
            results.problems().forEach(p -> err.println("PROBLEM " + p));
            results.missingFigures().forEach(m -> err.println("MISSING " + m));
            err.println("server logs kept in " + work);
            return 1;
        }
        if (temporary) {
            CompareRun.deleteTree(work);
        }
        return 0;
    }

    CompareConfig config() {
        List<ServerKind> servers = ServerKind.strataAndPeers(peers);
        Path json = outJson != null ? outJson : sibling(outMarkdown, ".json");
        Path charts = chartsDir != null ? chartsDir : sibling(outMarkdown, "");
        return new CompareConfig(servers, hosts, hours, runs, outMarkdown, json, charts, workDir, liveDuration, queryIterations,
                queryWarmup, portBase, settle, visibilityTimeout, connections, launcher.toAbsolutePath().normalize(), commandLine());
    }

    /** {@code docs/benchmarks.md} → {@code docs/benchmarks<suffix>}. */
    private static Path sibling(Path markdown, String suffix) {
        String name = markdown.getFileName().toString();
        String base = name.endsWith(".md") ? name.substring(0, name.length() - 3) : name;
        return markdown.resolveSibling(base + suffix);
    }

    /** The command as typed, for the report (picocli keeps the original arguments). */
    private String commandLine() {
        StringBuilder sb = new StringBuilder("./strata bench compare");
        if (spec != null) {
            // Run under BenchMain, the original arguments start with the subcommand's name: skip up to it.
            List<String> args = spec.commandLine().getParseResult().originalArgs();
            int first = args.indexOf(spec.name()) + 1;
            for (String arg : args.subList(first, args.size())) {
                sb.append(' ').append(arg.matches("[A-Za-z0-9_./:=,+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
            }
        }
        return sb.toString();
    }
}
