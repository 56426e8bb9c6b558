package io.strata.server.cli;

import io.strata.ingest.importer.ImportSource;
import io.strata.ingest.importer.OpenMetricsTextSource;
import io.strata.ingest.importer.PrometheusRemoteReadSource;
import io.strata.ingest.importer.VmJsonLinesSource;
import io.strata.model.ErrorCode;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.promql.parse.PromqlParser;
import io.strata.server.config.ConfigException;
import io.strata.server.config.ConfigKey;
import io.strata.server.config.ConfigKeys;
import io.strata.server.config.ConfigLoader;
import io.strata.server.config.PromDuration;
import io.strata.server.config.StrataConfig;
import io.strata.server.importer.ImportProgress;
import io.strata.server.importer.Importer;
import io.strata.server.importer.ImportTarget;
import io.strata.server.importer.NamespacedImportTarget;
import io.strata.server.importer.RawImportTarget;
import io.strata.server.api.ApiParams;
import io.strata.server.config.AggregationSettings;
import io.strata.tsdb.DirectoryLock;
import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.tsdb.history.HistoryBlockWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code strata import}: writes history from files or a running Prometheus straight into blocks
 * of the data directory, however old (see {@code docs/import.md}). Runs while no server uses the
 * directory; it takes the directory's lock to make sure.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Import history into the data directory, written directly as blocks (any age, no out-of-order limit).",
            "Sources: OpenMetrics or Prometheus text files, VictoriaMetrics JSON-lines exports (plain or .gz),",
            "or a running Prometheus through remote read. Stop the server on the data directory first."
        })
final class ImportCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final long PLAIN_PROGRESS_EVERY_NANOS = 10_000_000_000L;

    /** Input formats and the file extensions that choose them. */
    enum Format {
        OPENMETRICS,
        PROMETHEUS,
        VMJSONL
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: storage.dataDir of the config, ./data).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML settings file (default: ./" + ConfigLoader.DEFAULT_FILE_NAME + " if it exists): data directory, block duration, retention.")
    Path configFile;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Input format: openmetrics (.om, .txt: timestamps in seconds), prometheus (.prom: text format, milliseconds),"
                    + " vmjsonl (.jsonl, .json: VictoriaMetrics export). Default: from each file's extension.")
    String format;

    @Option(names = "--from-prometheus", paramLabel = "URL", description = "Read from this Prometheus's remote read API (http://host:9090).")
    String fromPrometheus;

    @Option(names = "--start", paramLabel = "TIME", description = "With --from-prometheus: start, RFC 3339 or Unix seconds.")
    String start;

    @Option(names = "--end", paramLabel = "TIME", description = "With --from-prometheus: end (inclusive), RFC 3339 or Unix seconds.")
    String end;

    @Option(names = "--match", paramLabel = "SELECTOR",
            description = "With --from-prometheus: series selector, repeatable (default: {__name__=~\".+\"}).")
    List<String> matchers = new ArrayList<>();

    @Option(names = "--slice", paramLabel = "DURATION", defaultValue = "2h",
            description = "With --from-prometheus: time range per remote read request (default: ${DEFAULT-VALUE}).")
    String slice;

    @Option(names = "--max-buffered-samples", paramLabel = "N", defaultValue = "" + HistoryBlockWriter.DEFAULT_MAX_BUFFERED_SAMPLES,
            description = "Samples held in memory (16 bytes each) before they are written out (default: ${DEFAULT-VALUE}).")
    long maxBufferedSamples;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to import, in order.")
    List<Path> files = new ArrayList<>();

    private final boolean terminal;

    ImportCommand(boolean terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Importer.SourceOpener> sources = sources();
        StrataConfig config;
        try {
            config = config();
        } catch (ConfigException e) {
            err.println("strata import: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        Path dir = config.storage().dataDir();
        long started = System.nanoTime();
        try {
            Files.createDirectories(dir);
            try (DirectoryLock lock = lock(dir)) {
                AggregationSettings aggregation = config.aggregation();
                boolean routed = aggregation.namespaces().size() > 1 || !aggregation.rules().dropRules().isEmpty();
                ImportTarget target = routed
                        ? new NamespacedImportTarget(dir, aggregation, maxBufferedSamples, OsStorageFiles.INSTANCE)
                        : new RawImportTarget(dir, config.storage().blockDuration().toMillis(), maxBufferedSamples,
                                OsStorageFiles.INSTANCE);
                ImportProgress progress = new ImportProgress(err, terminal, PLAIN_PROGRESS_EVERY_NANOS, started);
                Importer importer = new Importer(target, progress, System::nanoTime);
                importer.run(sources);
                out.printf(Locale.ROOT, "imported %d samples of %d series into %s: %s, in %.1f s%n",
                        importer.samplesRead(), importer.seriesRead(), routed ? dir : dir.resolve(RawImportTarget.BLOCKS_DIR),
                        target.summary(), (System.nanoTime() - started) / 1e9);
                long minTime = target instanceof RawImportTarget raw ? raw.minTime()
                        : ((NamespacedImportTarget) target).minTime();
                long longest = 0;
                for (var ns : aggregation.namespaces()) {
                    longest = Math.max(longest, ns.retentionMillis());
                }
                warnBeyondRetention(err, minTime, Duration.ofMillis(longest));
            }
        } catch (IOException | StrataException | IllegalArgumentException e) {
            err.println("strata import: " + message(e));
            err.flush();
            return EXIT_FAILED;
        }
        out.flush();
        return 0;
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException nsf) {
            return "cannot read " + nsf.getFile() + ": " + (nsf.getReason() == null ? "no such file" : nsf.getReason());
        }
        if (e instanceof java.nio.file.AccessDeniedException ade) {
            return "cannot access " + ade.getFile() + ": permission denied";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    private static DirectoryLock lock(Path dir) throws IOException {
        try {
            return DirectoryLock.acquire(dir, OsStorageFiles.INSTANCE);
        } catch (StrataException e) {
            if (e.code() == ErrorCode.UNAVAILABLE) {
                throw new StrataException(ErrorCode.UNAVAILABLE, "the data directory " + dir
                        + " is in use (is a server running on it?); stop the server before importing, then start it again");
            }
            throw e;
        }
    }

    private static void warnBeyondRetention(PrintWriter err, long minTime, Duration retention) {
        if (minTime == Long.MAX_VALUE) {
            return;
        }
        Instant horizon = Instant.now().minus(retention);
        if (minTime < horizon.toEpochMilli()) {
            err.println("strata import: warning: data from " + Instant.ofEpochMilli(minTime) + " is older than the retention ("
                    + PromDuration.format(retention) + "): the server deletes blocks older than " + horizon
                    + " when it next applies retention; raise the retention (storage.retention, or the longest namespace policy) to keep them");
            err.flush();
        }
    }

    private StrataConfig config() {
        Map<ConfigKey, String> flags = new LinkedHashMap<>();
        if (dataDir != null) {
            flags.put(ConfigKeys.ALL.stream().filter(k -> k.flag().equals("data-dir")).findFirst().orElseThrow(),
                    dataDir.toString());
        }
        return ConfigLoader.load(configFile, Path.of(ConfigLoader.DEFAULT_FILE_NAME), flags).config();
    }

    /** Checks the combination of options and builds the sources; usage errors exit with 2. */
    private List<Importer.SourceOpener> sources() {
        boolean remote = fromPrometheus != null;
        if (remote == !files.isEmpty()) {
            throw usage(remote ? "give either files or --from-prometheus, not both" : "nothing to import: give files or --from-prometheus URL");
        }
        if (maxBufferedSamples < 1) {
            throw usage("--max-buffered-samples must be at least 1, got " + maxBufferedSamples);
        }
        List<Importer.SourceOpener> out = new ArrayList<>();
        if (!remote) {
            if (start != null || end != null || !matchers.isEmpty()) {
                throw usage("--start, --end and --match go with --from-prometheus");
            }
            for (Path file : files) {
                Format f = format != null ? parseFormat(format) : formatOf(file);
                out.add(switch (f) {
                    case OPENMETRICS -> () -> new OpenMetricsTextSource(file, OpenMetricsTextSource.Dialect.OPENMETRICS);
                    case PROMETHEUS -> () -> new OpenMetricsTextSource(file, OpenMetricsTextSource.Dialect.PROMETHEUS_TEXT);
                    case VMJSONL -> () -> new VmJsonLinesSource(file);
                });
            }
            return out;
        }
        if (format != null) {
            throw usage("--format applies to files, not to --from-prometheus");
        }
        if (start == null || end == null) {
            throw usage("--from-prometheus needs --start and --end");
        }
        long startMs = time("--start", start);
        long endMs = time("--end", end);
        if (endMs < startMs) {
            throw usage("--end " + end + " is before --start " + start);
        }
        Duration sliceDuration;
        try {
            sliceDuration = PromDuration.parse(slice);
        } catch (RuntimeException e) {
            throw usage("invalid --slice \"" + slice + "\": " + e.getMessage());
        }
        URI url;
        try {
            url = URI.create(fromPrometheus);
            new PrometheusRemoteReadSource(url, startMs, endMs, PrometheusRemoteReadSource.ALL_SERIES, sliceDuration).close();
        } catch (IllegalArgumentException e) {
            throw usage("--from-prometheus: " + e.getMessage());
        }
        List<List<Matcher>> selectors = new ArrayList<>();
        for (String m : matchers) {
            try {
                selectors.add(PromqlParser.parseMetricSelector(m));
            } catch (StrataException e) {
                throw usage("invalid --match \"" + m + "\": " + e.getMessage());
            }
        }
        if (selectors.isEmpty()) {
            selectors.add(PrometheusRemoteReadSource.ALL_SERIES);
        }
        for (List<Matcher> selector : selectors) {
            out.add(() -> new PrometheusRemoteReadSource(url, startMs, endMs, selector, sliceDuration));
        }
        return out;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private Format parseFormat(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "openmetrics", "om" -> Format.OPENMETRICS;
            case "prometheus", "prom" -> Format.PROMETHEUS;
            case "vmjsonl", "jsonl", "vm" -> Format.VMJSONL;
            default -> throw usage("unknown --format \"" + name + "\"; expected openmetrics, prometheus or vmjsonl");
        };
    }

    private Format formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".om") || name.endsWith(".txt")) {
            return Format.OPENMETRICS;
        }
        if (name.endsWith(".prom")) {
            return Format.PROMETHEUS;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return Format.VMJSONL;
        }
        throw usage("cannot tell the format of " + file + " from its extension (.om, .txt, .prom, .jsonl, .json, optionally .gz);"
                + " give --format");
    }

    /** Prometheus API time: Unix seconds with optional fraction, or RFC 3339. */
    private long time(String option, String text) {
        try {
            return ApiParams.parseTime(text);
        } catch (IllegalArgumentException e) {
            throw usage("invalid " + option + " \"" + text + "\": expected RFC 3339 (2024-01-02T15:04:05Z) or Unix seconds");
        }
    }
}
