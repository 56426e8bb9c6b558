package io.strata.bench.query;

import io.strata.bench.write.DurationConverter;
import io.strata.bench.write.InstantConverter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code strata bench query}: query latency of Prometheus-API servers side by side. See docs/load-generator.md. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a fixed list of PromQL queries (rate by label, histogram_quantile, topk, per-instance sums, regex matcher, "
                    + "ratio of sums, max_over_time over 1h, count of all series), each as an instant and a range query, "
                    + "against one or more Prometheus-API servers, and report latency percentiles per query and server.",
            "Every answer must be status=success and non-empty, and all targets must return the same number of series "
                    + "per query; anything else is reported and makes the exit code 1. Bad flags exit with 2.",
            "The queries select the data of `strata bench write` (NodeExporterDataset): load it into every target first."
        })
public final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "NAME=URL",
            description = "A server to query, repeatable, in report order, e.g. prometheus=http://127.0.0.1:9090")
    List<String> targets = new ArrayList<>();

    @Option(names = "--target-param", paramLabel = "NAME:KEY=VALUE",
            description = "Extra request parameter for one target, repeatable, e.g. victoriametrics:nocache=1 "
                    + "(turns off VictoriaMetrics's result cache so repeated runs measure the query)")
    List<String> targetParams = new ArrayList<>();

    @Option(names = "--time", description = "Evaluation time of instant queries and end of range queries, RFC 3339 or "
            + "epoch seconds (default: now, rounded down to --step); use the last sample time of the loaded data")
    String time;

    @Option(names = "--range", defaultValue = "1h", converter = DurationConverter.class,
            description = "Range queries cover [time - range, time] (default: ${DEFAULT-VALUE})")
    Duration range;

    @Option(names = "--step", defaultValue = "60s", converter = DurationConverter.class,
            description = "Step of range queries (default: ${DEFAULT-VALUE})")
    Duration step;

    @Option(names = "--iterations", defaultValue = "10", description = "Measured runs of every query on every target (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured runs of every query on every target first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--queries", split = ",", paramLabel = "NAME",
            description = "Run only these queries, comma separated (default: all of them)")
    List<String> queries = new ArrayList<>();

    @Option(names = "--kinds", split = ",", defaultValue = "instant,range", paramLabel = "KIND",
            description = "instant, range or both (default: ${DEFAULT-VALUE})")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--timeout", defaultValue = "60s", converter = DurationConverter.class,
            description = "Per request (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--max-duration", defaultValue = "30m", converter = DurationConverter.class,
            description = "Bound on the whole run, waiting included; runs not done by then are reported missing (default: ${DEFAULT-VALUE})")
    Duration maxDuration;

    @Option(names = "--await", paramLabel = "EXPR=VALUE",
            description = "Before measuring, wait until every target answers this instant query with this number, repeatable, "
                    + "e.g. 'count({job=\"node\"})=100000'")
    List<String> awaits = new ArrayList<>();

    @Option(names = "--await-timeout", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long to wait for --await on each target (default: ${DEFAULT-VALUE})")
    Duration awaitTimeout;

    @Option(names = "--baseline", paramLabel = "NAME", description = "Target the others are compared with (ratio columns of the table)")
    String baseline;

    @Option(names = "--json", description = "Append one JSON line per query, kind and target to this file")
    Path json;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Copied into every JSON line, repeatable, e.g. hosts=1000")
    Map<String, String> tags = new LinkedHashMap<>();

    private InstantSource clock = InstantSource.system();
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    /** Tests use a fixed clock. */
    QueryCommand withClock(InstantSource c) {
        this.clock = c;
        return this;
    }

    /** Tests read the table and the progress lines. */
    QueryCommand withOutput(PrintStream tableOut, PrintStream progressErr) {
        this.out = tableOut;
        this.err = progressErr;
        return this;
    }

    @Override
    public Integer call() throws InterruptedException {
        QueryConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        QueryReport report;
        try (QueryClient client = new QueryClient(config.timeout())) {
            report = new QueryRun(config, client, clock, err).execute();
        }
        report.printTable(out);
        if (config.json() != null) {
            try {
                report.appendJson(config.json());
            } catch (IOException e) {
                err.println("cannot append to --json " + config.json() + ": " + e.getMessage());
                return 1;
            }
        }
        return report.ok() ? 0 : 1;
    }

    QueryConfig config() {
        Map<String, Target> byName = new LinkedHashMap<>();
        for (String t : targets) {
            Target target = Target.parse(t);
            if (byName.put(target.name(), target) != null) {
                throw new IllegalArgumentException("--target names must be unique [name=" + target.name() + "]");
            }
        }
        for (String p : targetParams) {
            int colon = p.indexOf(':');
            int eq = p.indexOf('=', colon + 1);
            if (colon <= 0 || eq <= colon + 1) {
                throw new IllegalArgumentException("--target-param must be NAME:KEY=VALUE, like victoriametrics:nocache=1 [value=" + p + "]");
            }
            String name = p.substring(0, colon);
            Target target = byName.get(name);
            if (target == null) {
                throw new IllegalArgumentException("--target-param names no --target [value=" + p + ", targets=" + byName.keySet() + "]");
            }
            byName.put(name, target.withParam(p.substring(colon + 1, eq), p.substring(eq + 1)));
        }
        List<QueryKind> kindList = new ArrayList<>();
        for (String k : kinds) {
            QueryKind kind = switch (k.strip().toLowerCase(Locale.ROOT)) {
                case "instant" -> QueryKind.INSTANT;
                case "range" -> QueryKind.RANGE;
                default -> throw new IllegalArgumentException("--kinds takes instant and range [value=" + k + "]");
            };
            if (!kindList.contains(kind)) {
                kindList.add(kind);
            }
        }
        List<AwaitCondition> conditions = awaits.stream().map(AwaitCondition::parse).toList();
        QueryWindow window = new QueryWindow(evaluationTime(), range, step);
        return new QueryConfig(List.copyOf(byName.values()), QuerySuite.select(queries), kindList, window, warmup, iterations,
                timeout, maxDuration, conditions, awaitTimeout, baseline, json, tags);
    }

    private Instant evaluationTime() {
        if (time != null) {
            return InstantConverter.parse("--time", time);
        }
        long stepMillis = Math.max(1, step.toMillis());
        return Instant.ofEpochMilli(Math.floorDiv(clock.millis(), stepMillis) * stepMillis);
    }
}
